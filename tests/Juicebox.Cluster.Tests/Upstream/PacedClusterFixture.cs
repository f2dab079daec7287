using System.Collections.Concurrent;
using Juicebox.Client;
using Juicebox.Cluster.Tests.Clusters;
using Juicebox.Sandbox;
using Juicebox.Sandbox.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Juicebox.Cluster.Tests.Upstream;

/// <summary>
/// Two silos on real time with in-memory storage, reading from an in-process sandbox whose key allows
/// <see cref="RequestsPerMinute"/> requests a minute. Every attempt the silos' Juicebox clients send
/// is recorded with the time it left, after the budget let it go.
/// </summary>
public sealed class PacedClusterFixture() : ClusterFixture(postgres: null, Spec)
{
    public const int RequestsPerMinute = 120;

    private static ClusterSpec Spec => new()
    {
        Silos = 2,
        Sandbox = new SandboxOptions
        {
            ProfileCount = 1_000,
            Keys = [new SandboxKeyOptions { Key = "sb_paced", Plan = "pro", RequestsPerMinute = RequestsPerMinute }],
        },
    };

    /// <summary>Each attempt the silos sent upstream: when it left, and its method and path.</summary>
    public ConcurrentQueue<(DateTimeOffset SentAt, string Call)> Sends { get; } = new();

    /// <summary>The Juicebox client of one of the silos, as the enrichment workers there use it.</summary>
    public IJuiceboxClient JuiceboxClientOfSilo(int index) =>
        Cluster.Silos[index % Cluster.Silos.Count].ServiceProvider.GetRequiredService<IJuiceboxClient>();

    // After the budget's handler, so it sees each attempt as it leaves.
    protected override void ConfigureServicesAfterGrains(IServiceCollection services) =>
        services.AddHttpClient<IJuiceboxClient, JuiceboxClient>().AddHttpMessageHandler(() => new SendRecorder(Sends));

    private sealed class SendRecorder(ConcurrentQueue<(DateTimeOffset SentAt, string Call)> sends) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sends.Enqueue((DateTimeOffset.UtcNow, $"{request.Method} {request.RequestUri?.AbsolutePath}"));
            return base.SendAsync(request, cancellationToken);
        }
    }
}

[CollectionDefinition(Name)]
[StartsFirst]
public sealed class PacedClusterCollection : ICollectionFixture<PacedClusterFixture>
{
    public const string Name = "Paced two-silo cluster";
}
