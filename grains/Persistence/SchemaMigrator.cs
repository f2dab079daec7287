using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Juicebox.Grains.Persistence;

/// <summary>
/// Brings a PostgreSQL database up to the schema this build expects (Orleans' clustering, grain
/// storage and reminder tables and queries, and whatever later migrations add).
/// </summary>
/// <remarks>
/// Each embedded <c>Persistence/Schema/NNNN_name.sql</c> script is applied once, in version order,
/// inside its own transaction, and recorded in <c>juicebox_schema_migrations</c>. A session-level
/// advisory lock serialises migrators, so several silos and clients may start against the same
/// database at once. Scripts must therefore be transactional (no <c>CREATE INDEX CONCURRENTLY</c>)
/// and, as a second line of defence, idempotent.
/// </remarks>
public static class SchemaMigrator
{
    /// <summary>The table that records applied migrations.</summary>
    public const string HistoryTable = "juicebox_schema_migrations";

    // Any fixed 64-bit number works as long as nothing else in the database uses it: "JBSCHEMA".
    private const long AdvisoryLockKey = 0x4A42_5343_4845_4D41;

    /// <summary>
    /// Applies every embedded migration the database does not have yet. Throws
    /// <see cref="InvalidOperationException"/> if a migration the database already has was changed.
    /// </summary>
    /// <param name="dataSource">The database to migrate.</param>
    /// <param name="logger">Receives progress messages.</param>
    /// <param name="cancellationToken">Cancels waiting for the lock and running scripts.</param>
    public static Task MigrateAsync(NpgsqlDataSource dataSource, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(logger);
        return MigrateAsync(dataSource, EmbeddedSchemaMigrations.Load(), logger, cancellationToken);
    }

    internal static async Task MigrateAsync(
        NpgsqlDataSource dataSource,
        IReadOnlyList<SchemaMigration> migrations,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            // Inside the try: a wait cancelled as the lock was granted still releases it.
            await AcquireLockAsync(connection, logger, cancellationToken);
            await EnsureHistoryTableAsync(connection, cancellationToken);
            var applied = await ReadAppliedAsync(connection, cancellationToken);
            EnsureUnchanged(migrations, applied);

            foreach (var unknown in applied.Values.Where(a => migrations.All(m => m.Version != a.Version)))
            {
                SchemaMigratorLog.UnknownApplied(logger, $"{unknown.Version:D4}_{unknown.Name}");
            }

            foreach (var migration in migrations.Where(m => !applied.ContainsKey(m.Version)))
            {
                await ApplyAsync(connection, migration, logger, cancellationToken);
            }

            SchemaMigratorLog.UpToDate(logger, migrations.Count == 0 ? 0 : migrations[^1].Version);
        }
        finally
        {
            await ReleaseLockAsync(connection);
        }
    }

    private static async Task AcquireLockAsync(NpgsqlConnection connection, ILogger logger, CancellationToken cancellationToken)
    {
        await using var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        tryLock.Parameters.AddWithValue("key", AdvisoryLockKey);
        if ((bool)(await tryLock.ExecuteScalarAsync(cancellationToken))!)
        {
            return;
        }

        SchemaMigratorLog.WaitingForLock(logger);
        await using var waitForLock = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection)
        {
            CommandTimeout = 0,
        };
        waitForLock.Parameters.AddWithValue("key", AdvisoryLockKey);
        await waitForLock.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ReleaseLockAsync(NpgsqlConnection connection)
    {
        if (connection.FullState != System.Data.ConnectionState.Open)
        {
            // A broken connection's session, and with it the lock, is gone already.
            return;
        }

        // The pool hands connections back without a reset (JuiceboxPostgresDataSource.DefaultNoResetOnClose), so the
        // session lock must not go back with this one: released here (false if it was never taken), and where that
        // fails, the pool closes the connection instead of keeping it.
        try
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlock.Parameters.AddWithValue("key", AdvisoryLockKey);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch
        {
            NpgsqlConnection.ClearPool(connection);
            throw;
        }
    }

    private static async Task EnsureHistoryTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            CREATE TABLE IF NOT EXISTS {HistoryTable}
            (
                version    integer     NOT NULL,
                name       text        NOT NULL,
                checksum   varchar(64) NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT pk_{HistoryTable} PRIMARY KEY (version)
            )
            """,
            connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<Dictionary<int, AppliedSchemaMigration>> ReadAppliedAsync(
        NpgsqlConnection connection,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT version, name, checksum, applied_at FROM {HistoryTable} ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new Dictionary<int, AppliedSchemaMigration>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new AppliedSchemaMigration(
                reader.GetInt32(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3));
            applied.Add(row.Version, row);
        }

        return applied;
    }

    private static void EnsureUnchanged(
        IReadOnlyList<SchemaMigration> migrations,
        Dictionary<int, AppliedSchemaMigration> applied)
    {
        var changed = migrations
            .Where(m => applied.TryGetValue(m.Version, out var a) && a.Checksum != m.Checksum)
            .Select(m => (Migration: m, Applied: applied[m.Version]))
            .ToList();
        if (changed.Count == 0)
        {
            return;
        }

        var details = string.Join(
            Environment.NewLine,
            changed.Select(c =>
                $"  {c.Migration.Label}: applied {c.Applied.AppliedAt:u} as '{c.Applied.Version:D4}_{c.Applied.Name}' " +
                $"with checksum {c.Applied.Checksum}, but the script in this build has checksum {c.Migration.Checksum}."));
        throw new InvalidOperationException(
            $"Refusing to migrate: {changed.Count} schema migration(s) already applied to this database were changed afterwards." +
            Environment.NewLine + details + Environment.NewLine +
            "Applied migrations must never be edited. Restore the original script and put the change in a new, " +
            $"higher-numbered migration (see {HistoryTable} for what the database has).");
    }

    private static async Task ApplyAsync(
        NpgsqlConnection connection,
        SchemaMigration migration,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        SchemaMigratorLog.Applying(logger, migration.Label);
        var stopwatch = Stopwatch.StartNew();

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction) { CommandTimeout = 0 })
        {
            try
            {
                await script.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException exception)
            {
                throw new InvalidOperationException(
                    $"Schema migration {migration.Label} failed and was rolled back: {exception.MessageText}", exception);
            }
        }

        await using (var record = new NpgsqlCommand(
            $"INSERT INTO {HistoryTable} (version, name, checksum) VALUES (@version, @name, @checksum)",
            connection,
            transaction))
        {
            record.Parameters.AddWithValue("version", migration.Version);
            record.Parameters.AddWithValue("name", migration.Name);
            record.Parameters.AddWithValue("checksum", migration.Checksum);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        SchemaMigratorLog.Applied(logger, migration.Label, stopwatch.ElapsedMilliseconds);
    }
}
