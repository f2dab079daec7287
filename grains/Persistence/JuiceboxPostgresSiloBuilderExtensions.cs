using Juicebox.Grains;
using Juicebox.Grains.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Storage;

namespace Orleans.Hosting;

/// <summary>Runs a silo's clustering, grain state and reminders on PostgreSQL.</summary>
public static class JuiceboxPostgresSiloBuilderExtensions
{
    /// <summary>
    /// Configures the silo to keep cluster membership, grain state and reminders in the PostgreSQL
    /// database at <paramref name="connectionString"/>: <see cref="UseJuiceboxPostgresClustering"/>
    /// plus <see cref="AddJuiceboxPostgresStorage"/>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="grainStorageNames">The names of the grain storage providers to register.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    public static ISiloBuilder UseJuiceboxPostgres(
        this ISiloBuilder builder,
        string connectionString,
        IEnumerable<string> grainStorageNames) =>
        builder.UseJuiceboxPostgresClustering(connectionString).AddJuiceboxPostgresStorage(connectionString, grainStorageNames);

    /// <summary>
    /// Keeps cluster membership in the PostgreSQL database at <paramref name="connectionString"/>
    /// through Orleans' ADO.NET clustering, migrating the schema on start-up before Orleans starts.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    public static ISiloBuilder UseJuiceboxPostgresClustering(this ISiloBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        AddDataSourceAndMigration(builder, connectionString);
        builder.UseAdoNetClustering((OptionsBuilder<AdoNetClusteringSiloOptions> options) =>
            options.Configure<NpgsqlDataSource>((o, dataSource) =>
            {
                o.Invariant = JuiceboxPostgresDataSource.Invariant;
                o.DataSource = dataSource;
            }));

        return builder;
    }

    /// <summary>
    /// Keeps grain state and reminders in the PostgreSQL database at <paramref name="connectionString"/>,
    /// through Orleans' ADO.NET providers, migrating the schema on start-up before Orleans starts.
    /// </summary>
    /// <remarks>
    /// All providers share one <see cref="NpgsqlDataSource"/> (registered here unless the host already
    /// registered one). Grain state is stored as System.Text.Json, except in <see cref="Juicebox.Grains.StorageNames.PubSub"/>,
    /// which holds Orleans' own pub-sub state in Orleans' binary format, and <see cref="Juicebox.Grains.StorageNames.ReadCache"/>, which holds observer references. Grain storage identifies state by
    /// the state name, not the grain class: give every <c>[PersistentState]</c> a distinct name.
    /// </remarks>
    /// <param name="builder">The silo builder.</param>
    /// <param name="connectionString">An Npgsql connection string. Unless it says otherwise, the pool
    /// holds at most 4 connections per core of the host, 8 to 30 (<c>Maximum Pool Size</c>), and the
    /// application name is <c>juicebox-silo</c>.</param>
    /// <param name="grainStorageNames">The names of the grain storage providers to register.</param>
    /// <returns>The same <paramref name="builder"/>.</returns>
    public static ISiloBuilder AddJuiceboxPostgresStorage(
        this ISiloBuilder builder,
        string connectionString,
        IEnumerable<string> grainStorageNames)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(grainStorageNames);

        var storageNames = grainStorageNames.ToList();
        if (storageNames.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Grain storage names must not be null or blank.", nameof(grainStorageNames));
        }

        AddDataSourceAndMigration(builder, connectionString);
        builder.Services.TryAddSingleton<SystemTextJsonGrainStorageSerializer>();
        builder.Services.TryAddSingleton<OrleansGrainStorageSerializer>();
        foreach (var name in storageNames.Distinct(StringComparer.Ordinal))
        {
            // Orleans' pub-sub state (PubSubRendezvousGrain) cannot be read back by System.Text.Json:
            // it is written, and its grain then fails to activate after a silo loss or collection.
            builder.AddAdoNetGrainStorage(name, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            {
                if (name is StorageNames.PubSub or StorageNames.ReadCache)
                {
                    UsePostgres<OrleansGrainStorageSerializer>(options);
                }
                else
                {
                    UsePostgres<SystemTextJsonGrainStorageSerializer>(options);
                }

                // An erased or expired profile leaves no row behind (its grain id names the person).
                if (name == StorageNames.Profiles)
                {
                    options.Configure(o => o.DeleteStateOnClear = true);
                }
            });
        }

        builder.UseAdoNetReminderService((OptionsBuilder<AdoNetReminderTableOptions> options) =>
            options.Configure<NpgsqlDataSource>((o, dataSource) =>
            {
                o.Invariant = JuiceboxPostgresDataSource.Invariant;
                o.DataSource = dataSource;
            }));

        return builder;
    }

    private static void UsePostgres<TSerializer>(OptionsBuilder<AdoNetGrainStorageOptions> options)
        where TSerializer : class, IGrainStorageSerializer =>
        options.Configure<NpgsqlDataSource, TSerializer>((o, dataSource, serializer) =>
        {
            // The invariant defaults to SQL Server for grain storage.
            o.Invariant = JuiceboxPostgresDataSource.Invariant;
            o.DataSource = dataSource;
            o.GrainStorageSerializer = serializer;
        });

    private static void AddDataSourceAndMigration(ISiloBuilder builder, string connectionString)
    {
        JuiceboxPostgresDataSource.TryAdd(builder.Services, connectionString, "juicebox-silo");
        builder.Services.AddJuiceboxSchemaMigration();
    }
}
