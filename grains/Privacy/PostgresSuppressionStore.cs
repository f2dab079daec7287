using Npgsql;
using NpgsqlTypes;

namespace Juicebox.Grains.Privacy;

/// <summary>The suppression list of Cluster mode: table <c>juicebox_suppressions</c> (schema migration 0009).</summary>
public sealed class PostgresSuppressionStore(NpgsqlDataSource dataSource) : ISuppressionStore
{
    private const string AddSql =
        """
        INSERT INTO juicebox_suppressions (id_hash, suppressed_at, expires_at)
        VALUES (@hash, @at, @until)
        ON CONFLICT (id_hash) DO UPDATE SET suppressed_at = excluded.suppressed_at, expires_at = excluded.expires_at
        """;

    private const string FindSql =
        """
        SELECT h.i::integer - 1
        FROM unnest(@hashes) WITH ORDINALITY AS h(id_hash, i)
        JOIN juicebox_suppressions AS s ON s.id_hash = h.id_hash
        WHERE s.expires_at > @now
        """;

    private const string DeleteExpiredSql = "DELETE FROM juicebox_suppressions WHERE expires_at <= @now";

    /// <inheritdoc/>
    public async Task AddAsync(byte[] hash, DateTimeOffset at, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hash);
        await using var command = dataSource.CreateCommand(AddSql);
        command.Parameters.Add(new NpgsqlParameter<byte[]>("hash", NpgsqlDbType.Bytea) { TypedValue = hash });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", NpgsqlDbType.TimestampTz) { TypedValue = at });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("until", NpgsqlDbType.TimestampTz) { TypedValue = until });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlySet<int>> FindAsync(IReadOnlyList<byte[]> hashes, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var found = new HashSet<int>();
        if (hashes.Count == 0)
        {
            return found;
        }

        await using var command = dataSource.CreateCommand(FindSql);
        command.Parameters.Add(new NpgsqlParameter<byte[][]>("hashes", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = [.. hashes] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", NpgsqlDbType.TimestampTz) { TypedValue = now });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetInt32(0));
        }

        return found;
    }

    /// <inheritdoc/>
    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(DeleteExpiredSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", NpgsqlDbType.TimestampTz) { TypedValue = now });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
