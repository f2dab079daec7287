using Juicebox.Grains.LocalQueries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Hosting;

namespace Juicebox.Cluster.Tests.LocalQueries;

/// <summary>What <c>AddJuiceboxLocalQueries</c> registers, checked without starting a host.</summary>
public sealed class LocalQueriesRegistrationTests
{
    private const string ConnectionString = "Host=127.0.0.1;Port=5432;Username=u;Database=d";

    [Fact]
    public void WithAConnectionString_RegistersThePostgresIndexOnTheSharedDataSourceAndTheMigration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("ConnectionStrings:Postgres", ConnectionString)]).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.AddJuiceboxLocalQueries(configuration));
        using var host = builder.Build();

        Assert.IsType<PostgresProfileIndex>(host.Services.GetRequiredService<IProfileIndex>());
        Assert.Single(host.Services.GetServices<NpgsqlDataSource>());
        Assert.Single(builder.Services, service => service.ServiceType == typeof(IHostedService)
            && service.ImplementationType?.Name == "SchemaMigrationHostedService");
    }

    [Fact]
    public void WithoutAConnectionString_RegistersOneInMemoryIndex()
    {
        using var host = BuildSilo([]);

        Assert.IsType<InMemoryProfileIndex>(host.Services.GetRequiredService<IProfileIndex>());
        Assert.Same(host.Services.GetRequiredService<IProfileIndex>(), host.Services.GetRequiredService<IProfileIndex>());
        Assert.Empty(host.Services.GetServices<NpgsqlDataSource>());
    }

    [Fact]
    public void AnIndexTheHostRegistered_IsKept()
    {
        var mine = new InMemoryProfileIndex();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IProfileIndex>(mine);
        builder.UseOrleans(silo => silo.AddJuiceboxLocalQueries(new ConfigurationBuilder().Build()));
        using var host = builder.Build();

        Assert.Same(mine, host.Services.GetRequiredService<IProfileIndex>());
    }

    [Theory]
    [InlineData("00:00:00.500", true)]
    [InlineData("00:00:00", false)]
    [InlineData("-00:00:01", false)]
    public void IndexRetryInterval_MustBePositive_AndTheFailureNamesTheSetting(string interval, bool valid)
    {
        using var host = BuildSilo(new() { ["LocalQueries:IndexRetryInterval"] = interval });

        if (valid)
        {
            Assert.Equal(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture),
                host.Services.GetRequiredService<IOptions<LocalQueriesOptions>>().Value.IndexRetryInterval);
        }
        else
        {
            var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<LocalQueriesOptions>>().Value);
            Assert.Contains("LocalQueries__IndexRetryInterval", failure.Message, StringComparison.Ordinal);
        }
    }

    private static IHost BuildSilo(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.AddJuiceboxLocalQueries(configuration));
        return builder.Build();
    }
}
