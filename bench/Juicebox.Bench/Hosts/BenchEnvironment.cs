using Juicebox.Sandbox;
using Juicebox.Sandbox.Accounts;
using Juicebox.Testing;

namespace Juicebox.Bench.Hosts;

/// <summary>
/// What every scenario shares: a private PostgreSQL server (a fresh database per topology) and the
/// Juicebox sandbox, in this process, with two keys: one so generous that the cluster's pacing costs
/// nothing, and one on the plan limit the enrichment drain is measured against.
/// </summary>
public sealed class BenchEnvironment : IAsyncDisposable
{
    public const string UnpacedKey = "bench-unpaced";
    public const string PlanKey = "bench-plan";
    public const int UnpacedRequestsPerMinute = 1_000_000;

    private const int Unlimited = 1_000_000_000;

    private PostgresServer? _postgres;

    private BenchEnvironment(SandboxServer sandbox, BenchSettings settings, string workDirectory)
    {
        Sandbox = sandbox;
        Settings = settings;
        WorkDirectory = workDirectory;
        Upstream = new SandboxControl(sandbox.RootAddress);
    }

    public BenchSettings Settings { get; }

    public SandboxServer Sandbox { get; }

    public SandboxControl Upstream { get; }

    /// <summary>Where plans, id lists and results of the load generator go.</summary>
    public string WorkDirectory { get; }

    /// <summary>The PostgreSQL server's major version, once a Cluster-mode topology started it.</summary>
    public int? PostgresMajorVersion => _postgres?.MajorVersion;

    public static async Task<BenchEnvironment> StartAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var sandbox = await SandboxServer.StartAsync(
            new SandboxOptions
            {
                ProfileCount = settings.SandboxProfiles,
                Keys =
                [
                    Key(UnpacedKey, UnpacedRequestsPerMinute),
                    Key(PlanKey, settings.DrainRequestsPerMinute),
                ],
            },
            cancellationToken: cancellationToken);
        var workDirectory = Directory.CreateTempSubdirectory("juicebox-bench-").FullName;
        return new BenchEnvironment(sandbox, settings, workDirectory);
    }

    /// <summary>Starts PostgreSQL on first use (Embedded mode needs none) and creates an empty database.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        _postgres ??= await PostgresServer.StartAsync(cancellationToken);
        return await _postgres.CreateDatabaseAsync();
    }

    /// <summary>The sandbox ids of <paramref name="count"/> profiles from index <paramref name="first"/>; ids are stable for the sandbox's seed.</summary>
    public IReadOnlyList<string> ProfileIds(int first, int count) =>
        [.. Enumerable.Range(first, count).Select(Sandbox.GetProfileId)];

    public async ValueTask DisposeAsync()
    {
        Upstream.Dispose();
        await Sandbox.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        Directory.Delete(WorkDirectory, recursive: true);
    }

    private static SandboxKeyOptions Key(string key, int requestsPerMinute) => new()
    {
        Key = key,
        Plan = "enterprise",
        RequestsPerMinute = requestsPerMinute,
        RequestsPerDay = Unlimited,
        SearchesPerMonth = Unlimited,
        EnrichmentsPerMonth = Unlimited,
    };
}
