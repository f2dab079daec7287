using Juicebox.Cluster.Tests.Clusters;
using Juicebox.Sandbox.Accounts;

namespace Juicebox.Cluster.Tests.Profiles;

/// <summary>
/// A one-silo test cluster whose profile grains persist to their own database on the assembly's
/// private PostgreSQL server and read from an in-process sandbox of 5,000 profiles. The grains'
/// freshness clock is fake, so tests move time instead of waiting.
/// </summary>
public sealed class ProfileClusterFixture(PostgresFixture postgres) : ClusterFixture(postgres, Spec)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromHours(1);
    public static readonly TimeSpan NotFoundTimeToLive = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan IdleDeactivationAfter = TimeSpan.FromMinutes(7);

    /// <inheritdoc cref="ClusterSpec.UnpacedKey"/>
    public static readonly SandboxKeyOptions UnpacedKey = ClusterSpec.UnpacedKey;

    private static ClusterSpec Spec => ClusterSpec.CachingGrains(profileCount: 5_000, new Dictionary<string, string?>
    {
        ["ProfileCache:TimeToLive"] = TimeToLive.ToString(),
        ["ProfileCache:NotFoundTimeToLive"] = NotFoundTimeToLive.ToString(),
        ["ProfileCache:RefreshRetryInterval"] = "00:00:01",
        ["ProfileCache:IdleDeactivationAfter"] = IdleDeactivationAfter.ToString(),
    });
}

[CollectionDefinition(Name)]
public sealed class ProfileClusterCollection : ICollectionFixture<ProfileClusterFixture>
{
    public const string Name = "Profile cluster";
}
