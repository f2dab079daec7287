using Npgsql;

namespace PostgresStreams;

/// <summary>
/// The provider's tables: the script that creates them (idempotent) and a call that runs it. The
/// provider never changes a schema on its own; run <see cref="CreateAsync"/> (or the script from
/// <see cref="GetScript"/> in your own migrations) before the first silo or client starts.
/// </summary>
public static class PostgresStreamSchema
{
    // Two-key advisory lock: this first key (the queue writers use 0x4A425351), then a hash of the prefix.
    private const int SchemaLockSpace = 0x4A42_5353;

    /// <summary>The SQL that creates the tables for <paramref name="tablePrefix"/> if they do not exist.</summary>
    public static string GetScript(string tablePrefix = PostgresStreamOptions.DefaultTablePrefix)
    {
        PostgresStreamOptionsValidator.ThrowIfInvalidTablePrefix(tablePrefix);
        using var stream = typeof(PostgresStreamSchema).Assembly.GetManifestResourceStream("PostgresStreams.Schema.sql")
            ?? throw new InvalidOperationException("The embedded schema script PostgresStreams.Schema.sql is missing.");
        using var reader = new StreamReader(stream);
        return new PostgresStreamTables(tablePrefix).Apply(reader.ReadToEnd());
    }

    /// <summary>
    /// Creates the tables for <paramref name="tablePrefix"/> unless they exist, in one transaction;
    /// hosts that start together may all call it.
    /// </summary>
    public static async Task CreateAsync(
        NpgsqlDataSource dataSource,
        string tablePrefix = PostgresStreamOptions.DefaultTablePrefix,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var script = GetScript(tablePrefix);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // CREATE ... IF NOT EXISTS is not safe against a concurrent CREATE of the same name.
        await using (var locking = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@space, hashtext(@prefix))", connection, transaction))
        {
            locking.Parameters.AddWithValue("space", SchemaLockSpace);
            locking.Parameters.AddWithValue("prefix", tablePrefix);
            await locking.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var create = new NpgsqlCommand(script, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
