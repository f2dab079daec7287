using Juicebox.GrainInterfaces.Privacy;
using Npgsql;
using NpgsqlTypes;

namespace Juicebox.Grains.Privacy;

/// <summary>The audit log of Cluster mode: table <c>juicebox_audit</c> (schema migrations 0009 and 0012); a batch is one statement.</summary>
public sealed class PostgresAuditStore(NpgsqlDataSource dataSource) : IAuditStore
{
    private const string AppendSql =
        """
        INSERT INTO juicebox_audit (at, client, action, profile_id, item_count, detail, correlation_id)
        SELECT * FROM unnest(@ats, @clients, @actions, @profile_ids, @counts, @details, @correlation_ids)
        """;

    private const string ReadSql =
        """
        SELECT id, at, client, action, profile_id, item_count, detail, correlation_id
        FROM juicebox_audit
        WHERE (@after IS NULL OR id > @after)
        ORDER BY id
        LIMIT @limit
        """;

    private const string PseudonymizeSql = "UPDATE juicebox_audit SET profile_id = @pseudonym WHERE profile_id = @profile_id";

    // Oldest first by id, which follows the time of writing; a page at a time keeps each transaction short.
    private const string DeleteBeforeSql =
        """
        DELETE FROM juicebox_audit
        WHERE id IN (SELECT id FROM juicebox_audit WHERE at < @cutoff ORDER BY at LIMIT @limit)
        """;

    /// <inheritdoc/>
    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(AppendSql);
        var parameters = command.Parameters;
        parameters.Add(new NpgsqlParameter<DateTimeOffset[]>("ats", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = [.. entries.Select(entry => entry.At)] });
        parameters.Add(TextArray("clients", [.. entries.Select(entry => entry.Client)]));
        parameters.Add(TextArray("actions", [.. entries.Select(entry => entry.Action)]));
        parameters.Add(TextArray("profile_ids", [.. entries.Select(entry => entry.ProfileId)]));
        parameters.Add(new NpgsqlParameter<int?[]>("counts", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = [.. entries.Select(entry => entry.Count)] });
        parameters.Add(TextArray("details", [.. entries.Select(entry => entry.Detail)]));
        parameters.Add(TextArray("correlation_ids", [.. entries.Select(entry => entry.CorrelationId)]));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(long? afterId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<long?>("after", NpgsqlDbType.Bigint) { TypedValue = afterId });
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var page = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(new AuditEntry
            {
                Id = reader.GetInt64(0),
                At = reader.GetFieldValue<DateTimeOffset>(1),
                Client = reader.GetString(2),
                Action = reader.GetString(3),
                ProfileId = reader.IsDBNull(4) ? null : reader.GetString(4),
                Count = reader.IsDBNull(5) ? null : reader.GetInt32(5),
                Detail = reader.IsDBNull(6) ? null : reader.GetString(6),
                CorrelationId = reader.IsDBNull(7) ? null : reader.GetString(7),
            });
        }

        return page;
    }

    /// <inheritdoc/>
    public async Task<int> PseudonymizeAsync(string profileId, string pseudonym, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(PseudonymizeSql);
        command.Parameters.Add(new NpgsqlParameter<string>("profile_id", profileId));
        command.Parameters.Add(new NpgsqlParameter<string>("pseudonym", pseudonym));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = dataSource.CreateCommand(DeleteBeforeSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("cutoff", cutoff));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter<string?[]> TextArray(string name, string?[] values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = values };
}
