using Juicebox.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace Orleans.Hosting;

/// <summary>Lets an Orleans client find the cluster's gateways in PostgreSQL.</summary>
public static class JuiceboxPostgresClientBuilderExtensions
{
    /// <summary>
    /// Configures the client to discover gateways through Orleans' ADO.NET clustering in the PostgreSQL
    /// database at <paramref name="connectionString"/>, and to migrate that database's schema on
    /// start-up (the client may start before any silo has).
    /// </summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="connectionString">An Npgsql connection string. Unless it says otherwise, the pool
    /// holds at most 4 connections per core of the host, 8 to 30 (<c>Maximum Pool Size</c>), and the
    /// application name is <c>juicebox-client</c>.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    public static IClientBuilder UseJuiceboxPostgresClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        JuiceboxPostgresDataSource.TryAdd(builder.Services, connectionString, "juicebox-client");
        builder.Services.AddJuiceboxSchemaMigration();

        builder.UseAdoNetClustering((OptionsBuilder<AdoNetClusteringClientOptions> options) =>
            options.Configure<NpgsqlDataSource>((o, dataSource) =>
            {
                o.Invariant = JuiceboxPostgresDataSource.Invariant;
                o.DataSource = dataSource;
            }));

        return builder;
    }
}
