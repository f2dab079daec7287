using Juicebox.Grains.Enrichment.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Juicebox.Cluster.Tests.Enrichment;

/// <summary>What <c>AddJuiceboxEnrichmentJobStore</c> registers, checked without starting a host.</summary>
public sealed class EnrichmentJobStoreRegistrationTests
{
    private const string ConnectionString = "Host=127.0.0.1;Port=5432;Username=u;Database=d";

    [Fact]
    public void WithAConnectionString_RegistersThePostgresStoreOnTheSharedDataSourceAndTheMigration()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddJuiceboxEnrichmentJobStore(ConnectionString);
        services.AddJuiceboxEnrichmentJobStore(ConnectionString);
        using var provider = services.BuildServiceProvider();

        Assert.IsType<PostgresEnrichmentJobStore>(provider.GetRequiredService<IEnrichmentJobStore>());
        Assert.Single(services, service => service.ServiceType == typeof(NpgsqlDataSource));
        Assert.Single(services, service => service.ServiceType == typeof(IEnrichmentJobStore));
        Assert.Single(provider.GetServices<IHostedService>(), service => service.GetType().Name == "SchemaMigrationHostedService");
    }

    [Fact]
    public void WithADataSourceAlreadyRegistered_UsesIt()
    {
        var services = new ServiceCollection().AddLogging();
        using var existing = NpgsqlDataSource.Create(ConnectionString + ";Application Name=mine");
        services.AddSingleton(existing);

        services.AddJuiceboxEnrichmentJobStore(ConnectionString);
        using var provider = services.BuildServiceProvider();

        Assert.Same(existing, provider.GetRequiredService<NpgsqlDataSource>());
        Assert.IsType<PostgresEnrichmentJobStore>(provider.GetRequiredService<IEnrichmentJobStore>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void WithoutAConnectionString_RegistersTheInMemoryStoreOnly(string? connectionString)
    {
        var services = new ServiceCollection();
        services.AddJuiceboxEnrichmentJobStore(connectionString);
        using var provider = services.BuildServiceProvider();

        Assert.IsType<InMemoryEnrichmentJobStore>(provider.GetRequiredService<IEnrichmentJobStore>());
        Assert.Same(provider.GetRequiredService<IEnrichmentJobStore>(), provider.GetRequiredService<IEnrichmentJobStore>());
        Assert.DoesNotContain(services, service => service.ServiceType == typeof(NpgsqlDataSource));
        Assert.Empty(provider.GetServices<IHostedService>());
    }
}
