using Orleans.Runtime;
using PostgresStreams.Tests.TestGrains;

namespace PostgresStreams.Tests;

/// <summary>A silo that dies while it holds leased messages loses none of them: another silo redelivers them once their leases expire.</summary>
[Collection(SeveralSiloClusters.Name)]
public sealed class SiloFailureTests(SiloFailureStreamClusterFixture fixture) : IClassFixture<SiloFailureStreamClusterFixture>, IDisposable
{
    [Fact]
    public async Task SiloKilledMidBatch_ItsLeasedMessagesAreRedeliveredByTheSurvivor()
    {
        // One queue: the silo that pulls it holds every message of the stream.
        await fixture.WaitForAgentsAsync(a => a.Order().SequenceEqual([0, 1]), "one of the two silos to pull the one queue");
        var owner = fixture.Cluster.Silos[(await PullingAgentsAsync())[1] == 1 ? 1 : 0];
        var key = Guid.NewGuid();
        var stream = fixture.Cluster.Client.GetStreamProvider(PostgresStreamClusterFixture.ProviderName)
            .GetStream<string>(StreamId.Create(PostgresStreamClusterFixture.Namespace, key));
        string[] heldItems = [IStreamConsumerTestGrain.Hold, "after-1", "after-2"];
        foreach (var item in (string[])["before", .. heldItems])
        {
            await stream.OnNextAsync(item);
        }

        // The consumer is busy with "hold": the owner is mid-batch, the leases of "hold" and what follows are open.
        var held = (await StreamDeliveries.WaitForAsync(key, r => r.Any(d => d.Item == IStreamConsumerTestGrain.Hold), "the first delivery of the held item"))
            .Single(d => d.Item == IStreamConsumerTestGrain.Hold);
        var deliveredBeforeTheKill = StreamDeliveries.Of(key).Count;

        await fixture.Cluster.KillSiloAsync(owner, TestContext.Current.CancellationToken);
        await fixture.WaitForAgentsAsync(a => a.SequenceEqual([1]), "the survivor to take the queue over");

        // A killed in-process silo's tasks can outlive it: released earlier, its held delivery would finish and
        // acknowledge under its still-valid lease. Released once the lease has expired and been taken again,
        // that acknowledgement finds no row of its lease, as after a real crash.
        await WaitForLeasedAgainAsync(held.MessageId);
        StreamConsumerTestGrain.ReleaseHeld();
        var received = await StreamDeliveries.WaitForAsync(
            key,
            r => heldItems.All(item => r.Skip(deliveredBeforeTheKill).Any(d => d.Item == item)),
            "the survivor to redeliver the messages the killed silo held");
        await StreamDeliveries.WaitForNoRowsAsync(fixture.ConnectionString, key, "the redelivered messages to be acknowledged");

        Assert.Equal(1, held.Attempt);
        var redelivered = received.Skip(deliveredBeforeTheKill).ToList();
        var heldAgain = redelivered.First(d => d.Item == IStreamConsumerTestGrain.Hold);
        Assert.Equal(held.MessageId, heldAgain.MessageId);
        Assert.True(heldAgain.Attempt >= 2, $"The held message came back as attempt {heldAgain.Attempt}; a redelivery counts one more.");

        // Every held message came back, and nothing else but "before" (at least once: its acknowledgement may not
        // have been written). Their order is not checked here: the killed in-process silo's own tasks can still
        // lease or fail a delivery, and a message redelivered after that comes after what was delivered meanwhile
        // (the README's ordering rule). PostgresQueueOrderingTests check the order.
        Assert.Equal(
            heldItems.Order(StringComparer.Ordinal),
            redelivered.Select(d => d.Item).Where(item => item != "before").Distinct().Order(StringComparer.Ordinal));
    }

    public void Dispose() => StreamConsumerTestGrain.ReleaseHeld();

    private async Task WaitForLeasedAgainAsync(long messageId)
    {
        var deadline = DateTime.UtcNow + StreamDeliveries.WaitLimit;
        while (await QueueSql.ScalarAsync<int>(
            fixture.ConnectionString,
            // No row (already settled) releases too: the assertions that follow say what became of it.
            "SELECT coalesce(max(attempts), 2) FROM stream_queue_messages WHERE message_id = @id",
            new Npgsql.NpgsqlParameter("id", messageId)) < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {StreamDeliveries.WaitLimit} waiting for the held message {messageId} to be leased again.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private Task<int[]> PullingAgentsAsync() => Task.WhenAll(fixture.Cluster.Silos.Select(PostgresStreamClusterFixture.RunningAgentsAsync));
}
