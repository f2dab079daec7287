using Juicebox.ClientApi.Apis;
using Juicebox.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Juicebox.Api.Tests;

public sealed class SiloSettingsTests
{
    [Fact]
    public async Task MembershipSettings_DefaultToJuiceboxsFailureDetection()
    {
        await using var factory = new EmbeddedApiFactory();
        using var client = factory.CreateClient();

        var membership = factory.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;

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
        await using var factory = new EmbeddedApiFactory()
            .WithSetting("Orleans:Membership:ProbeTimeout", "00:00:03")
            .WithSetting("Orleans:Membership:NumMissedProbesLimit", "4");
        using var client = factory.CreateClient();

        var membership = factory.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(3), membership.ProbeTimeout);
        Assert.Equal(4, membership.NumMissedProbesLimit);
        Assert.Equal(JuiceboxMembershipDefaults.TableRefreshTimeout, membership.TableRefreshTimeout);
    }

    [Fact]
    public async Task ReadRetrySettings_AreReadFromTheReadRetrySection()
    {
        await using var factory = new EmbeddedApiFactory().WithSetting("ReadRetry:Window", "00:00:20");
        using var client = factory.CreateClient();

        var retry = factory.Services.GetRequiredService<IOptions<ReadRetryOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(20), retry.Window);
        Assert.Equal(new ReadRetryOptions().AttemptTimeout, retry.AttemptTimeout);
    }
}
