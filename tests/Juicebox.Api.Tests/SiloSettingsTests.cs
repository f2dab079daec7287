using Juicebox.ClientApi.Apis;
using Juicebox.Grains.Hosting;
using Orleans.Configuration;

namespace Juicebox.Api.Tests;

/// <summary>The options the host binds (read from a host built but not started, <see cref="UnstartedApiHost"/>: binding needs no silo).</summary>
public sealed class SiloSettingsTests
{
    [Fact]
    public async Task MembershipSettings_DefaultToJuiceboxsFailureDetection()
    {
        await using var host = UnstartedApiHost.Build();

        var membership = host.Options<ClusterMembershipOptions>();

        Assert.Equal(JuiceboxMembershipDefaults.ProbeTimeout, membership.ProbeTimeout);
        Assert.Equal(JuiceboxMembershipDefaults.NumMissedProbesLimit, membership.NumMissedProbesLimit);
        Assert.Equal(JuiceboxMembershipDefaults.NumVotesForDeathDeclaration, membership.NumVotesForDeathDeclaration);
        Assert.Equal(JuiceboxMembershipDefaults.DeathVoteExpirationTimeout, membership.DeathVoteExpirationTimeout);
        Assert.Equal(JuiceboxMembershipDefaults.IAmAliveTablePublishTimeout, membership.IAmAliveTablePublishTimeout);
        Assert.Equal(JuiceboxMembershipDefaults.TableRefreshTimeout, membership.TableRefreshTimeout);
        Assert.NotEqual(new ClusterMembershipOptions().ProbeTimeout, membership.ProbeTimeout);
    }

    [Fact]
    public async Task MembershipSettings_AreReadFromTheOrleansMembershipSection_OverTheDefaults()
    {
        await using var host = UnstartedApiHost.Build("Orleans:Membership:ProbeTimeout=00:00:03", "Orleans:Membership:NumMissedProbesLimit=4");

        var membership = host.Options<ClusterMembershipOptions>();

        Assert.Equal(TimeSpan.FromSeconds(3), membership.ProbeTimeout);
        Assert.Equal(4, membership.NumMissedProbesLimit);
        Assert.Equal(JuiceboxMembershipDefaults.TableRefreshTimeout, membership.TableRefreshTimeout);
    }

    [Fact]
    public async Task ReadRetrySettings_AreReadFromTheReadRetrySection()
    {
        await using var host = UnstartedApiHost.Build("ReadRetry:Window=00:00:20");

        var retry = host.Options<ReadRetryOptions>();

        Assert.Equal(TimeSpan.FromSeconds(20), retry.Window);
        Assert.Equal(new ReadRetryOptions().AttemptTimeout, retry.AttemptTimeout);
    }

    [Fact]
    public async Task DirectoryCacheSize_DefaultsToJuiceboxsSize_NotOrleansMillion_AndIsReadFromTheOrleansSection()
    {
        await using var defaults = UnstartedApiHost.Build();
        await using var configured = UnstartedApiHost.Build("Orleans:DirectoryCacheSize=40000");

        Assert.Equal(JuiceboxClusterOptions.DefaultDirectoryCacheSize, defaults.Options<GrainDirectoryOptions>().CacheSize);
        Assert.NotEqual(GrainDirectoryOptions.DEFAULT_CACHE_SIZE, defaults.Options<GrainDirectoryOptions>().CacheSize);
        Assert.Equal(40_000, configured.Options<GrainDirectoryOptions>().CacheSize);
    }
}
