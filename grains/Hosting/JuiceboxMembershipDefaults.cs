using Orleans.Configuration;

namespace Juicebox.Grains.Hosting;

/// <summary>
/// Failure detection tuned for a small cluster on a fast network: a silo that dies is declared dead in
/// about 5 s instead of Orleans' 10-20 s. Every value can still be set through
/// <c>Orleans:Membership</c> (<c>Orleans__Membership__ProbeTimeout</c>, ...), which wins over these.
/// </summary>
public static class JuiceboxMembershipDefaults
{
    /// <summary>The configuration section bound to <see cref="ClusterMembershipOptions"/>.</summary>
    public const string SectionName = JuiceboxClusterOptions.SectionName + ":Membership";

    /// <summary>
    /// Initial probe timeout; Orleans adapts each peer's between half of it and four times it (1-8 s)
    /// from the round trips it measures, and probes once per adapted timeout.
    /// </summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Consecutive missed probes before a silo votes its peer dead (the last one goes through another silo).</summary>
    public const int NumMissedProbesLimit = 3;

    /// <summary>Votes that declare a silo dead (Orleans lowers it to a majority when fewer silos are alive).</summary>
    public const int NumVotesForDeathDeclaration = 2;

    /// <summary>Long enough for a second silo's vote to meet the first one on a slow machine, short enough that old suspicions do not add up.</summary>
    public static readonly TimeSpan DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Heartbeat in the membership table; three missed ones make an entry stale.</summary>
    public static readonly TimeSpan IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Full read of the membership table, behind gossip: how late a silo can learn of a change it missed.</summary>
    public static readonly TimeSpan TableRefreshTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Applies the defaults; configuration bound afterwards overrides them key by key.</summary>
    public static void Apply(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        options.ProbeTimeout = ProbeTimeout;
        options.NumMissedProbesLimit = NumMissedProbesLimit;
        options.NumVotesForDeathDeclaration = NumVotesForDeathDeclaration;
        options.DeathVoteExpirationTimeout = DeathVoteExpirationTimeout;
        options.IAmAliveTablePublishTimeout = IAmAliveTablePublishTimeout;
        options.TableRefreshTimeout = TableRefreshTimeout;
    }
}
