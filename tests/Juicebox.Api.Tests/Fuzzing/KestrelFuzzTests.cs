using System.Text;
using Juicebox.Testing.Fuzzing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Juicebox.Api.Tests.Fuzzing;

/// <summary>
/// The fuzz of <see cref="ApiFuzzTests"/> through a real Kestrel with client-api's default limits, header
/// text sent as Latin-1 bytes as the chaos run sends it: no answer of 500 or more, every error the app
/// answers a problem document, and the only bare answers Kestrel's own refusals of what its parser
/// will not read (<see cref="KestrelParserRules"/>: predicted from each request, and met).
/// </summary>
[Collection(ApiFuzzCollection.Name)]
public sealed class KestrelFuzzTests
{
    private const int DefaultRequests = 1_500;

    [Fact]
    public async Task HostileRequestsThroughKestrel_NoServerError_EveryAppErrorAProblem_ParserRefusalsAsPredicted()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var settings = FuzzSettings.FromEnvironment(DefaultRequests);
        await using var factory = new EmbeddedApiFactory().WithSetting("Logging:LogLevel:Default", "Warning");
        factory.UseKestrel(0);
        factory.StartServer();
        var address = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (name, request) => Encoding.Latin1 };
        using var client = new HttpClient(handler) { BaseAddress = address, Timeout = ApiFuzzTests.RequestTimeout };
        var (generator, _) = await ApiFuzzTests.CreateGeneratorAsync(client, factory, settings.Seed, cancellationToken);

        var run = await FuzzRunner.RunAsync(
            client, generator, settings.Requests, ApiFuzzTests.Concurrency, ApiFuzzTests.RequestTimeout, KestrelParserRules.ClientApiDefaults, cancellationToken);

        var text = $"Fuzz through Kestrel: seed {settings.Seed} ({FuzzSettings.SeedVariable} replays it), {run.Requests} requests in {run.Elapsed.TotalSeconds:0.0} s; "
            + $"statuses {run.DescribeStatuses()}; {run.Violations.Count} violations.";
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        TestContext.Current.SendDiagnosticMessage(text);
        Assert.True(
            run.Violations.Count == 0,
            $"Seed {settings.Seed}: {run.Violations.Count} of {run.Requests} requests broke a rule:{Environment.NewLine}"
                + string.Join(Environment.NewLine, run.Violations.Take(10)));
        Assert.Equal(0, run.CountAtLeast(500));
        Assert.DoesNotContain(run.Statuses.Keys, status => status == 0);

        // The generator sends header bytes Kestrel will not read in a few percent of its requests: a run
        // with none of them refused would not have tested the line between the parser and the app.
        Assert.True(run.RefusedByParser > 0, $"No request was refused by Kestrel's parser: {run.DescribeStatuses()}");
    }
}
