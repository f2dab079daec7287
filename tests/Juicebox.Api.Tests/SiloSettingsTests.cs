using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Juicebox.Api.Tests;

public sealed class SiloSettingsTests
{
    [Fact]
    public async Task MembershipSettings_AreReadFromTheOrleansMembershipSection()
    {
        await using var factory = new EmbeddedApiFactory()
            .WithSetting("Orleans:Membership:ProbeTimeout", "00:00:02")
            .WithSetting("Orleans:Membership:NumMissedProbesLimit", "2");
        using var client = factory.CreateClient();

        var membership = factory.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(2), membership.ProbeTimeout);
        Assert.Equal(2, membership.NumMissedProbesLimit);
    }
}
