using System.Text.Json;
using Juicebox.Testing.Fuzzing;

namespace Juicebox.Api.Tests.Fuzzing;

/// <summary>
/// At least 10,000 hostile requests across every route of the running OpenAPI document and beyond it
/// (wrong methods, unknown paths, the host's undocumented routes), against Embedded mode in-process:
/// no answer of 500 or more, every error a problem document, and the host's memory bounded. The seed
/// is printed; <c>JUICEBOX_FUZZ_SEED</c> replays a run.
/// </summary>
[Collection(ApiFuzzCollection.Name)]
public sealed class ApiFuzzTests
{
    internal const int Concurrency = 8;
    internal static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private const int DefaultRequests = 10_000;
    private const int WarmUpRequests = 300;

    /// <summary>Generous: the host holds a silo, a sandbox and their caches; a leak per request would pass it within the run.</summary>
    private const long MaxHeapGrowthBytes = 256L * 1024 * 1024;

    [Fact]
    public async Task TenThousandHostileRequests_NoServerError_EveryErrorAProblem_MemoryBounded()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var settings = FuzzSettings.FromEnvironment(DefaultRequests);
        Report($"Fuzz seed {settings.Seed} ({FuzzSettings.SeedVariable}={settings.Seed} replays it), {settings.Requests} requests.");

        // Warnings only: logging every refused request would cost more than serving it.
        await using var factory = new EmbeddedApiFactory().WithSetting("Logging:LogLevel:Default", "Warning");
        using var client = factory.CreateClient();
        var (generator, routes) = await CreateGeneratorAsync(client, factory, settings.Seed, cancellationToken);

        var warmUp = await FuzzRunner.RunAsync(client, generator, WarmUpRequests, Concurrency, RequestTimeout, server: null, cancellationToken);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var run = await FuzzRunner.RunAsync(client, generator, settings.Requests, Concurrency, RequestTimeout, server: null, cancellationToken);
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);

        var covered = routes.Select(route => $"{route.Method} {route.PathTemplate}").ToList();
        Report($"Fuzz: {run.Requests} requests over {routes.Count} documented operations in {run.Elapsed.TotalSeconds:0.0} s; statuses {run.DescribeStatuses()}; "
            + $"GC heap {heapBefore / 1_048_576} MiB before, {heapAfter / 1_048_576} MiB after; {run.Violations.Count} violations.");
        Report("Operations: " + string.Join(", ", covered));

        var violations = warmUp.Violations.Concat(run.Violations).ToList();
        Assert.True(
            violations.Count == 0,
            $"Seed {settings.Seed}: {violations.Count} of {run.Requests + warmUp.Requests} requests broke a rule:{Environment.NewLine}"
                + string.Join(Environment.NewLine, violations.Take(10)));
        Assert.Equal(0, run.CountAtLeast(500));
        Assert.DoesNotContain(run.Statuses.Keys, status => status <= 0);
        Assert.Equal(0, run.RefusedByParser);
        Assert.True(run.Statuses.Keys.Any(status => status is >= 200 and < 300), "No request succeeded, so the fuzzer never got past the front door.");
        Assert.True(run.Statuses.Count(entry => entry.Key >= 400) >= 5, $"Too few kinds of refusal to have tested much: {run.DescribeStatuses()}");
        Assert.True(
            heapAfter - heapBefore < MaxHeapGrowthBytes,
            $"The GC heap grew by {(heapAfter - heapBefore) / 1_048_576} MiB over {run.Requests} requests (bound {MaxHeapGrowthBytes / 1_048_576} MiB).");
    }

    /// <summary>A generator over the OpenAPI document <paramref name="client"/>'s host serves, with the test keys and 20 known profile ids.</summary>
    internal static async Task<(FuzzRequestGenerator Generator, IReadOnlyList<OpenApiRoute> Routes)> CreateGeneratorAsync(
        HttpClient client, EmbeddedApiFactory factory, int seed, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", cancellationToken));
        var root = document.RootElement.Clone();
        var routes = OpenApiRoute.ReadAll(root);
        Assert.True(routes.Count >= 10, $"The OpenAPI document lists only {routes.Count} operations.");
        var knownIds = Enumerable.Range(0, 20).Select(index => factory.NextProfileId()).ToList();
        return (new FuzzRequestGenerator(seed, routes, root, new FuzzCredentials(EmbeddedApiFactory.ApiKey, EmbeddedApiFactory.OperatorKey), knownIds), routes);
    }

    private static void Report(string text)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        TestContext.Current.SendDiagnosticMessage(text);
    }
}

/// <summary>The fuzz test runs alone: its memory bound reads the whole process's GC heap, which other tests' hosts would fill.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ApiFuzzCollection
{
    public const string Name = "API fuzz (alone)";
}
