using System.Collections.Concurrent;
using Juicebox.Client;
using Juicebox.Sandbox;
using Juicebox.Sandbox.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Juicebox.Cluster.Tests.Upstream;

/// <summary>
/// Two silos on real time with in-memory storage, reading from an in-process sandbox whose key allows
/// <see cref="RequestsPerMinute"/> requests a minute. Every attempt the silos' Juicebox clients send
/// is recorded with the time it left, after the budget let it go.
/// </summary>
public sealed class PacedClusterFixture : IAsyncLifetime
{
    public const int RequestsPerMinute = 120;
    private const string Key = "sb_paced";

    private int _nextProfileIndex;

    public SandboxServer Sandbox { get; private set; } = null!;
    public SandboxControl Upstream { get; private set; } = null!;
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Each attempt the silos sent upstream: when it left, and its method and path.</summary>
    public ConcurrentQueue<(DateTimeOffset SentAt, string Call)> Sends { get; } = new();

    public string NextProfileId() => Sandbox.GetProfileId(Interlocked.Increment(ref _nextProfileIndex));

    /// <summary>The Juicebox client of one of the silos, as the enrichment workers there use it.</summary>
    public IJuiceboxClient JuiceboxClientOfSilo(int index) =>
        Cluster.Silos[index % Cluster.Silos.Count].ServiceProvider.GetRequiredService<IJuiceboxClient>();

    public async ValueTask InitializeAsync()
    {
        Sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            ProfileCount = 1_000,
            Keys = [new SandboxKeyOptions { Key = Key, Plan = "pro", RequestsPerMinute = RequestsPerMinute }],
        });
        Upstream = new SandboxControl(Sandbox.RootAddress);

        var settings = new Dictionary<string, string?>
        {
            ["Juicebox:BaseUrl"] = Sandbox.BaseAddress.ToString(),
            ["Juicebox:ApiKey"] = Key,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSiloHost((options, host) => host.Configuration.AddInMemoryCollection(settings));
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddJuiceboxGrains(configuration);

            // Added after the budget's handler, so it sees each attempt as it leaves.
            silo.Services.AddHttpClient<IJuiceboxClient, JuiceboxClient>().AddHttpMessageHandler(() => new SendRecorder(Sends));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        Upstream?.Dispose();
        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync();
        }
    }

    private sealed class SendRecorder(ConcurrentQueue<(DateTimeOffset SentAt, string Call)> sends) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sends.Enqueue((DateTimeOffset.UtcNow, $"{request.Method} {request.RequestUri?.AbsolutePath}"));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
