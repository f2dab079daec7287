using Juicebox.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Storage;

namespace Juicebox.Cluster.Tests.Persistence;

/// <summary>What <c>UseJuiceboxPostgres</c> and friends register, checked without starting a host.</summary>
public sealed class PostgresRegistrationTests
{
    private const string ConnectionString = "Host=127.0.0.1;Port=5432;Username=u;Database=d";

    [Fact]
    public void UseJuiceboxPostgres_PointsEveryProviderAtOneSharedNpgsqlDataSource()
    {
        using var host = BuildSilo(ConnectionString, ["profiles", "jobs"]);

        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        var clustering = host.Services.GetRequiredService<IOptions<AdoNetClusteringSiloOptions>>().Value;
        var reminders = host.Services.GetRequiredService<IOptions<AdoNetReminderTableOptions>>().Value;
        var storage = host.Services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>();

        Assert.Equal(("Npgsql", dataSource), (clustering.Invariant, clustering.DataSource));
        Assert.Equal(("Npgsql", dataSource), (reminders.Invariant, reminders.DataSource));
        foreach (var name in new[] { "profiles", "jobs" })
        {
            var options = storage.Get(name);
            Assert.Equal(("Npgsql", dataSource), (options.Invariant, options.DataSource));
            Assert.IsType<SystemTextJsonGrainStorageSerializer>(options.GrainStorageSerializer);
        }
    }

    [Fact]
    public void UseJuiceboxPostgres_StoresOrleansPubSubStateWithOrleansSerializer()
    {
        using var host = BuildSilo(ConnectionString, ["profiles", Juicebox.Grains.StorageNames.PubSub]);

        var storage = host.Services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>();

        Assert.IsType<OrleansGrainStorageSerializer>(storage.Get(Juicebox.Grains.StorageNames.PubSub).GrainStorageSerializer);
        Assert.IsType<SystemTextJsonGrainStorageSerializer>(storage.Get("profiles").GrainStorageSerializer);
    }

    [Fact]
    public void UseJuiceboxPostgres_WithoutPoolSettings_CapsThePoolNamesTheApplicationPreparesStatementsAndSkipsTheReset()
    {
        using var host = BuildSilo(ConnectionString, ["profiles"]);

        var settings = new NpgsqlConnectionStringBuilder(host.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString);

        Assert.Equal((JuiceboxPostgresDataSource.PoolSizeFor(Environment.ProcessorCount), "juicebox-silo", 64, true), (settings.MaxPoolSize, settings.ApplicationName, settings.MaxAutoPrepare, settings.NoResetOnClose));
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(2, 8)]
    [InlineData(3, 12)]
    [InlineData(4, 16)]
    [InlineData(7, 28)]
    [InlineData(8, 30)]
    [InlineData(64, 30)]
    public void ThePoolsDefaultCap_IsFourConnectionsPerCore_FromEightToThirty(int cores, int connections)
    {
        Assert.Equal(connections, JuiceboxPostgresDataSource.PoolSizeFor(cores));
    }

    [Fact]
    public void UseJuiceboxPostgres_KeepsPoolSizeApplicationNamePreparationAndResetGivenInTheConnectionString()
    {
        using var host = BuildSilo(ConnectionString + ";Maximum Pool Size=7;Application Name=mine;Max Auto Prepare=0;No Reset On Close=false", ["profiles"]);

        var settings = new NpgsqlConnectionStringBuilder(host.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString);

        Assert.Equal((7, "mine", 0, false), (settings.MaxPoolSize, settings.ApplicationName, settings.MaxAutoPrepare, settings.NoResetOnClose));
    }

    [Fact]
    public void UseJuiceboxPostgres_WithABlankStorageName_Throws()
    {
        var builder = Host.CreateApplicationBuilder();

        Assert.Throws<ArgumentException>(() => builder.UseOrleans(silo => silo.UseJuiceboxPostgres(ConnectionString, ["ok", " "])));
    }

    [Fact]
    public void UseJuiceboxPostgresClustering_RegistersClientClusteringAndOneMigration()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client.UseJuiceboxPostgresClustering(ConnectionString));
        builder.Services.AddJuiceboxSchemaMigration();
        using var host = builder.Build();

        var clustering = host.Services.GetRequiredService<IOptions<AdoNetClusteringClientOptions>>().Value;

        Assert.Equal(
            ("Npgsql", host.Services.GetRequiredService<NpgsqlDataSource>()),
            (clustering.Invariant, clustering.DataSource));
        Assert.Single(host.Services.GetServices<IHostedService>(), service => service.GetType().Name == "SchemaMigrationHostedService");
    }

    private static IHost BuildSilo(string connectionString, string[] storageNames)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.UseJuiceboxPostgres(connectionString, storageNames));
        return builder.Build();
    }
}
