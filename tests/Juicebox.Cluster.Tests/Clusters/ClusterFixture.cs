using Juicebox.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Juicebox.Cluster.Tests.Clusters;

/// <summary>
/// The one set-up of every collection's in-process test cluster: silos wired by
/// <c>AddJuiceboxGrains</c> as the hosts wire them, configured only by a <see cref="ClusterSpec"/>
/// (storage, sandbox, fake clock, silo count, settings) and, where a collection needs a service of its
/// own, by <see cref="ConfigureServices"/>. Each collection gets its own cluster, sandbox and database.
/// </summary>
public abstract class ClusterFixture(PostgresFixture? postgres, ClusterSpec spec) : IAsyncLifetime
{
    /// <summary>Where silos without a sandbox send upstream calls: nothing listens on the discard port.</summary>
    private const string UnansweredBaseUrl = "http://127.0.0.1:9/v1/";

    private int _nextProfileIndex;
    private string? _connectionString;
    private SandboxServer? _sandbox;
    private SandboxControl? _upstream;
    private InProcessTestCluster? _cluster;

    /// <summary>The clock <see cref="ClusterSpec.FakeClock"/> names; tests move it instead of waiting.</summary>
    public FakeTimeProvider Clock { get; } = new(spec.FakeClockStart ?? DateTimeOffset.UtcNow);

    /// <summary>The collection's own database.</summary>
    public string ConnectionString => _connectionString ?? throw NotThere("database");

    public SandboxServer Sandbox => _sandbox ?? throw NotThere("sandbox");

    /// <summary>The sandbox's counters and failure switches.</summary>
    public SandboxControl Upstream => _upstream ?? throw NotThere("sandbox");

    public InProcessTestCluster Cluster => _cluster ?? throw NotThere("cluster");

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>A sandbox profile id no other test has used.</summary>
    public string NextProfileId() => Sandbox.GetProfileId(Interlocked.Increment(ref _nextProfileIndex));

    /// <summary>Sandbox profile ids no other test has used.</summary>
    public IReadOnlyList<string> NextProfileIds(int count)
    {
        var last = Interlocked.Add(ref _nextProfileIndex, count);
        return [.. Enumerable.Range(last - count + 1, count).Select(Sandbox.GetProfileId)];
    }

    /// <summary>How often the sandbox has answered <paramref name="call"/>, e.g. <c>POST /search</c>.</summary>
    public Task<int> CountCallsAsync(string call) => Upstream.CountCallsAsync(call, TestContext.Current.CancellationToken);

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Juicebox:BaseUrl"] = UnansweredBaseUrl,
            ["Juicebox:ApiKey"] = "sb_unused",
        };

        if (spec.OwnDatabase)
        {
            var server = postgres ?? throw new InvalidOperationException($"{GetType().Name} wants a database of its own but was given no PostgreSQL server.");
            _connectionString = await server.CreateDatabaseAsync();
            settings["ConnectionStrings:Postgres"] = _connectionString;
        }

        if (spec.Sandbox is { } sandboxOptions)
        {
            _sandbox = await SandboxServer.StartAsync(sandboxOptions);
            _upstream = new SandboxControl(_sandbox.RootAddress);
            settings["Juicebox:BaseUrl"] = _sandbox.BaseAddress.ToString();
            settings["Juicebox:ApiKey"] = sandboxOptions.Keys[0].Key;
        }

        if (spec.InjectsFailures)
        {
            settings["Juicebox:Resilience:MaxRetries"] = "0";
            settings["Juicebox:Resilience:CircuitBreaker:MinimumThroughput"] = "100000";
        }

        foreach (var (key, value) in spec.Settings)
        {
            settings[key] = value;
        }

        await BeforeDeployAsync();

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = new InProcessTestClusterBuilder((short)spec.Silos);
        builder.ConfigureSiloHost((options, host) => host.Configuration.AddInMemoryCollection(settings));
        builder.ConfigureSilo((options, silo) =>
        {
            // Before the grains, which add the real clocks only where none is registered.
            if (spec.FakeClock is { } clockKey)
            {
                silo.Services.AddKeyedSingleton<TimeProvider>(clockKey, Clock);
            }

            ConfigureServices(silo.Services);
            silo.AddJuiceboxGrains(configuration);
            ConfigureServicesAfterGrains(silo.Services);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _upstream?.Dispose();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        await DisposeOwnResourcesAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs once the database and sandbox exist, before the silos start.</summary>
    protected virtual ValueTask BeforeDeployAsync() => ValueTask.CompletedTask;

    /// <summary>Services of the collection's own, registered before the grains' (which keep what is already there).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Services that must come after the grains', e.g. a handler after theirs on the Juicebox client.</summary>
    protected virtual void ConfigureServicesAfterGrains(IServiceCollection services)
    {
    }

    /// <summary>Releases what <see cref="BeforeDeployAsync"/> created, after the cluster has stopped.</summary>
    protected virtual ValueTask DisposeOwnResourcesAsync() => ValueTask.CompletedTask;

    private InvalidOperationException NotThere(string what) =>
        new($"{GetType().Name} has no {what}: its spec asks for none, or it has not started yet.");
}
