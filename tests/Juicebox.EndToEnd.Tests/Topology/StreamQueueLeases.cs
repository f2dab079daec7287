using Npgsql;

namespace Juicebox.EndToEnd.Tests.Topology;

/// <summary>
/// Reads the leases of a stream provider's queued messages straight from PostgreSQL: a message gets
/// a new lease on every dequeue, so a lease that changed means the message was delivered again.
/// </summary>
public static class StreamQueueLeases
{
    /// <summary>The current lease of every message of <paramref name="provider"/> still queued (null: never dequeued).</summary>
    public static async Task<IReadOnlyDictionary<long, long?>> ReadAsync(string connectionString, string provider, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT message_id, lease FROM juicebox_stream_messages WHERE provider = @provider",
            connection);
        command.Parameters.AddWithValue("provider", provider);
        Dictionary<long, long?> leases = [];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            leases[reader.GetInt64(0)] = reader.IsDBNull(1) ? null : reader.GetInt64(1);
        }

        return leases;
    }

    /// <summary>The messages that were leased in <paramref name="before"/> and now carry another lease: dequeued again since.</summary>
    public static IReadOnlyList<long> Redelivered(IReadOnlyDictionary<long, long?> before, IReadOnlyDictionary<long, long?> now) =>
        [.. before.Where(entry => entry.Value is { } lease && now.TryGetValue(entry.Key, out var current) && current is { } newer && newer != lease)
            .Select(entry => entry.Key)];
}
