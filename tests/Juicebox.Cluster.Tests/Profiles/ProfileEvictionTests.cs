using Juicebox.Grains.Profiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Juicebox.Cluster.Tests.Profiles;

[Collection(ProfileClusterCollection.Name)]
public sealed class ProfileEvictionTests(ProfileClusterFixture fixture)
{
    [Fact]
    public void IdleDeactivationAfter_IsTheProfileGrainsCollectionAge()
    {
        var silo = fixture.Cluster.Silos[0].ServiceProvider;

        var collection = silo.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;

        Assert.Equal(ProfileClusterFixture.IdleDeactivationAfter, collection.ClassSpecificCollectionAge[typeof(ProfileGrain).FullName!]);
        Assert.NotEqual(ProfileClusterFixture.IdleDeactivationAfter, collection.CollectionAge);
    }
}
