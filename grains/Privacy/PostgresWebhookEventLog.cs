using Npgsql;
using NpgsqlTypes;

namespace Juicebox.Grains.Privacy;

/// <summary>The webhook event ids of Cluster mode: table <c>juicebox_webhook_events</c> (schema migration 0009).</summary>
public sealed class PostgresWebhookEventLog(NpgsqlDataSource dataSource) : IWebhookEventLog
{
    private const string RecordSql =
        """
        INSERT INTO juicebox_webhook_events (event_id, event_type, received_at)
        VALUES (@id, @type, @at)
        ON CONFLICT (event_id) DO NOTHING
        """;

    private const string ForgetSql = "DELETE FROM juicebox_webhook_events WHERE event_id = @id";

    /// <inheritdoc/>
    public async Task<bool> TryRecordAsync(string eventId, string type, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(RecordSql);
        command.Parameters.Add(new NpgsqlParameter<string>("id", NpgsqlDbType.Text) { TypedValue = eventId });
        command.Parameters.Add(new NpgsqlParameter<string>("type", NpgsqlDbType.Text) { TypedValue = type });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", NpgsqlDbType.TimestampTz) { TypedValue = at });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc/>
    public async Task ForgetAsync(string eventId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(ForgetSql);
        command.Parameters.Add(new NpgsqlParameter<string>("id", NpgsqlDbType.Text) { TypedValue = eventId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
