using Juicebox.Grains.Hosting;
using Juicebox.Grains.Persistence;
using Npgsql;

namespace Juicebox.Silo;

/// <summary>
/// <c>--migrate-only</c>: applies the schema migrations to <c>ConnectionStrings:Postgres</c> and exits
/// (0 when the schema is up to date), without starting a silo. A deployment runs it once before the
/// hosts, which still migrate idempotently at start-up when started alone.
/// </summary>
internal static partial class MigrateOnlyCommand
{
    public const string Argument = "--migrate-only";

    private const string ApplicationName = "Juicebox.Silo --migrate-only";

    public static bool IsRequested(string[] args) => args.Contains(Argument, StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args)
    {
        // The rest of the command line is configuration, as for the silo itself.
        var builder = Host.CreateApplicationBuilder([.. args.Where(argument => argument != Argument)]);
        var connectionString = JuiceboxConnectionStrings.GetPostgres(builder.Configuration);
        using var host = builder.Build();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SchemaMigrator).FullName!);
        if (connectionString is null)
        {
            NoConnectionString(logger);
            return 1;
        }

        var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString);
        if (string.IsNullOrEmpty(dataSourceBuilder.ConnectionStringBuilder.ApplicationName))
        {
            dataSourceBuilder.ConnectionStringBuilder.ApplicationName = ApplicationName;
        }

        await using var dataSource = dataSourceBuilder.Build();
        try
        {
            await SchemaMigrator.MigrateAsync(dataSource, logger, CancellationToken.None);
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            MigrationFailed(logger, exception);
            return 1;
        }

        Migrated(logger);
        return 0;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error,
        Message = "--migrate-only needs the database: set ConnectionStrings:Postgres (ConnectionStrings__Postgres)")]
    private static partial void NoConnectionString(ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "The schema migration failed")]
    private static partial void MigrationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "The database schema is up to date")]
    private static partial void Migrated(ILogger logger);
}
