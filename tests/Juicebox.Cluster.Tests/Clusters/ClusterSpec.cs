using Juicebox.Grains;
using Juicebox.Sandbox;
using Juicebox.Sandbox.Accounts;

namespace Juicebox.Cluster.Tests.Clusters;

/// <summary>
/// What one collection's test cluster is made of. Everything not named here is the same for every
/// collection and lives in <see cref="ClusterFixture"/>.
/// </summary>
public sealed record ClusterSpec
{
    /// <summary>The sandbox's enterprise key, with a per-minute limit high enough that pacing costs nothing.</summary>
    public static readonly SandboxKeyOptions UnpacedKey = new() { Key = "sb_enterprise", Plan = "enterprise", RequestsPerMinute = 60_000 };

    public int Silos { get; init; } = 1;

    /// <summary>
    /// Grain state, enrichment jobs and queues in a database of the collection's own on the assembly's
    /// PostgreSQL server; in memory when false.
    /// </summary>
    public bool OwnDatabase { get; init; }

    /// <summary>
    /// The in-process sandbox the silos call with the first of its keys; without one, the upstream is an
    /// address nobody answers (the tests make no upstream call).
    /// </summary>
    public SandboxOptions? Sandbox { get; init; }

    /// <summary>The <c>JuiceboxServiceKeys</c> clock that is <see cref="ClusterFixture.Clock"/>; every other clock is real.</summary>
    public string? FakeClock { get; init; }

    /// <summary>Where the fake clock starts; now when not set.</summary>
    public DateTimeOffset? FakeClockStart { get; init; }

    /// <summary>
    /// The tests inject upstream failures on purpose: the Juicebox client answers them at once and never
    /// opens its circuit, so what is tested is the grains' own handling.
    /// </summary>
    public bool InjectsFailures { get; init; }

    /// <summary>Configuration (<c>Section:Key</c>) on top of the fixture's own; a value here wins.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// A sandbox of <paramref name="profileCount"/> profiles on <see cref="UnpacedKey"/>, and a budget that
    /// assumes that pace before <c>GET /usage</c> has told it: for tests that are not about the pace.
    /// </summary>
    public static ClusterSpec Unpaced(int profileCount) => new()
    {
        Sandbox = new SandboxOptions { ProfileCount = profileCount, Keys = [UnpacedKey] },
        Settings = new Dictionary<string, string?>
        {
            ["UpstreamBudget:DefaultRequestsPerMinute"] = UnpacedKey.RequestsPerMinute.ToString(),
        },
    };

    /// <summary>
    /// The profile and search grains as the product runs them, with their freshness clock fake: an
    /// <see cref="Unpaced"/> sandbox, a database of their own, failures injected on purpose, and
    /// <paramref name="settings"/>.
    /// </summary>
    public static ClusterSpec CachingGrains(int profileCount, IReadOnlyDictionary<string, string?> settings) =>
        Unpaced(profileCount).With(settings) with
        {
            OwnDatabase = true,
            FakeClock = JuiceboxServiceKeys.CacheClock,
            InjectsFailures = true,
        };

    /// <summary>This spec with <paramref name="settings"/> added to its own.</summary>
    public ClusterSpec With(IReadOnlyDictionary<string, string?> settings)
    {
        var merged = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in settings)
        {
            merged[key] = value;
        }

        return this with { Settings = merged };
    }
}
