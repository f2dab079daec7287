using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Messaging;

namespace Juicebox.Cluster.Tests.Persistence;

[Collection(PostgresClusterCollection.Name)]
public sealed class ClusteringTests(PostgresClusterFixture fixture)
{
    private const int Active = 3;

    [Fact]
    public async Task Silos_JoinThroughPostgres_BothAreActiveRowsInTheMembershipTable()
    {
        var silos = fixture.Cluster.Silos.Select(silo => silo.SiloAddress).ToList();

        var members = await TestDatabase.QueryAsync(
            fixture.ConnectionString,
            "SELECT address, port, generation, status FROM orleansmembershiptable WHERE deploymentid = @cluster",
            r => (Address: r.GetString(0), Port: r.GetInt32(1), Generation: r.GetInt32(2), Status: r.GetInt32(3)),
            new NpgsqlParameter("cluster", fixture.Cluster.Options.ClusterId));

        Assert.Equal(2, silos.Count);
        Assert.Equal(
            silos.Select(s => (s.Endpoint.Address.ToString(), s.Endpoint.Port, s.Generation, Active)).Order(),
            members.Select(m => (m.Address, m.Port, m.Generation, m.Status)).Order());
    }

    [Fact]
    public async Task Client_ReadsBothGatewaysFromPostgres()
    {
        var gateways = await fixture.Client.ServiceProvider.GetRequiredService<IGatewayListProvider>().GetGateways();

        var expected = fixture.Cluster.Silos.Select(silo => silo.GatewayAddress.Endpoint.Port).Order();
        Assert.Equal(expected, gateways.Select(uri => uri.Port).Order());
    }

    [Fact]
    public async Task MembershipVersion_HasMovedPastTheJoins()
    {
        // Every join is at least a Joining insert and an Active update, each bumping the one version.
        var version = await TestDatabase.SingleAsync(
            fixture.ConnectionString,
            "SELECT version FROM orleansmembershipversiontable WHERE deploymentid = @cluster",
            r => r.GetInt32(0),
            new NpgsqlParameter("cluster", fixture.Cluster.Options.ClusterId));

        Assert.True(version >= 4, $"Expected at least 4 membership changes, the table is at version {version}.");
    }
}
