using PostgresStreams.Tests.TestGrains;

namespace PostgresStreams.Tests;

/// <summary>Waits on what the consumer test grains received, in any silo of the process (see <see cref="StreamConsumerTestGrain.Deliveries"/>).</summary>
internal static class StreamDeliveries
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    public static IReadOnlyList<ReceivedStreamItem> Of(Guid streamKey) =>
        [.. StreamConsumerTestGrain.Deliveries.Where(delivery => delivery.StreamKey == streamKey).Select(delivery => delivery.Item)];

    /// <summary>Polls until the deliveries of <paramref name="streamKey"/> satisfy <paramref name="condition"/>; fails naming <paramref name="what"/>.</summary>
    public static async Task<IReadOnlyList<ReceivedStreamItem>> WaitForAsync(
        Guid streamKey,
        Func<IReadOnlyList<ReceivedStreamItem>, bool> condition,
        string what)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var received = Of(streamKey);
            if (condition(received))
            {
                return received;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {WaitLimit} waiting for {what}; got {received.Count} deliveries.");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Polls until the provider has no row left for <paramref name="streamKey"/>.</summary>
    public static async Task WaitForNoRowsAsync(string connectionString, Guid streamKey, string what)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var rows = await QueueSql.ScalarAsync<long>(
                connectionString,
                "SELECT count(*) FROM stream_queue_messages WHERE provider = @provider AND stream_key = @key",
                new Npgsql.NpgsqlParameter("provider", PostgresStreamClusterFixture.ProviderName),
                new Npgsql.NpgsqlParameter("key", streamKey.ToString("N")));
            if (rows == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {WaitLimit} waiting for {what}; {rows} rows left.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
