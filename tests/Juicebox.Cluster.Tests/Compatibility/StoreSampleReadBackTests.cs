using System.Collections;
using System.Text.Json.Nodes;
using Juicebox.Cluster.Tests.Enrichment;
using Juicebox.Cluster.Tests.Persistence;
using Juicebox.GrainInterfaces.Clients;
using Juicebox.GrainInterfaces.Enrichment;
using Juicebox.GrainInterfaces.Privacy;
using Juicebox.GrainInterfaces.ReadCache;
using Juicebox.Grains.Privacy;
using Juicebox.Grains.ReadCache;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;

namespace Juicebox.Cluster.Tests.Compatibility;

/// <summary>
/// The rows an earlier version left in the tables of the stores, read by this build's code: the
/// suppression list (an erased id stays erased), the audit log (listed), a client's usage (counted
/// against its allowance), the webhook event ids (a redelivered event stays a duplicate), the dead
/// letters (listed with their request decoded) and Orleans' pub-sub state of the enrichment stream.
/// Each test inserts its sample under ids of its own (a fresh client, event id, message id, marker) and
/// removes what it inserted, so no other test and no order of tests meets its rows.
/// </summary>
[Collection(EnrichmentClusterCollection.Name)]
public sealed class StoreSampleReadBackTests(EnrichmentClusterFixture cluster)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private IServiceProvider Silo => cluster.Cluster.Silos[0].SiloHost.Services;

    [Fact]
    public async Task Suppression_OfTheSample_KeepsItsProfileErased()
    {
        var sample = Load("juicebox_suppressions");
        var erased = cluster.Sandbox.GetProfileId(CompatibilitySampleWriter.ErasedProfileIndex);
        var hash = Assert.Single(sample.Rows)!["id_hash"]!.GetValue<string>();

        // Unexpired whenever the test runs; the hash is what an earlier version computed.
        var rows = sample.RowsWith(new Dictionary<string, JsonNode?> { ["expires_at"] = DateTimeOffset.UtcNow.AddDays(1).ToString("O") });
        await InsertAsync(sample, rows);
        try
        {
            Assert.True(
                await Silo.GetRequiredService<ProfileSuppression>().IsSuppressedAsync(erased, Cancellation),
                $"The sample's suppression entry {hash} no longer matches profile {erased}: ids erased by the earlier version would be collected again.");
            var read = await cluster.Grains.GetProfileGrain(erased).GetAsync();
            Assert.Equal(ProfileReadOutcome.Erased, read.Outcome);
        }
        finally
        {
            await TestDatabase.ExecuteAsync(
                cluster.ConnectionString,
                "DELETE FROM juicebox_suppressions WHERE id_hash = decode(@hash, 'hex')",
                new NpgsqlParameter("hash", hash[2..]));
        }
    }

    [Fact]
    public async Task AuditRows_OfTheSample_AreListedByTheAuditLog()
    {
        var sample = Load("juicebox_audit");
        var marker = "compatibility-" + Guid.NewGuid().ToString("N");
        var rows = new JsonArray([.. sample.Rows.Select(row =>
        {
            var copy = row!.DeepClone().AsObject();
            copy.Remove("id");
            copy["correlation_id"] = marker;
            return (JsonNode)copy;
        })]);
        var before = await TestDatabase.SingleAsync(cluster.ConnectionString, "SELECT coalesce(max(id), 0) FROM juicebox_audit", reader => reader.GetInt64(0));
        await InsertAsync(sample, rows);
        try
        {
            var listed = await ReadAuditAfterAsync(before, marker);
            Assert.Equal(sample.Rows.Count, listed.Count);
            foreach (var (row, entry) in sample.Rows.Zip(listed))
            {
                Assert.Equal((string?)row!["client"], entry.Client);
                Assert.Equal((string?)row["action"], entry.Action);
                Assert.Equal((string?)row["profile_id"], entry.ProfileId);
                Assert.Equal((int?)row["item_count"], entry.Count);
                Assert.Equal((string?)row["detail"], entry.Detail);
                Assert.Equal(DateTimeOffset.Parse((string)row["at"]!, System.Globalization.CultureInfo.InvariantCulture), entry.At);
            }

            Assert.Contains(listed, entry => entry.Action == AuditActions.ProfileErased);
        }
        finally
        {
            await TestDatabase.ExecuteAsync(cluster.ConnectionString, "DELETE FROM juicebox_audit WHERE correlation_id = @marker", new NpgsqlParameter("marker", marker));
        }
    }

    [Fact]
    public async Task UsageRows_OfTheSample_AreCountedAgainstTheClientsAllowance_AndSettled()
    {
        var sample = Load("juicebox_client_enrichment_usage");
        var client = "compatibility-" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;

        // This month's, unsettled, for a job long gone: the grain reads the row, keeps its charge and settles it.
        var rows = new JsonArray([.. sample.Rows.Select(row =>
        {
            var copy = row!.DeepClone().AsObject();
            copy["client"] = client;
            copy["month"] = new DateOnly(now.Year, now.Month, 1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            copy["reservation_id"] = Guid.NewGuid().ToString();
            copy["job_id"] = Guid.NewGuid().ToString();
            copy["settled"] = false;
            return (JsonNode)copy;
        })]);
        await InsertAsync(sample, rows);

        var used = await cluster.Grains.GetGrain<IClientUsageGrain>(client).GetUsedThisMonthAsync();
        var unsettled = await TestDatabase.SingleAsync(
            cluster.ConnectionString,
            "SELECT count(*) FROM juicebox_client_enrichment_usage WHERE client = @client AND NOT settled",
            reader => reader.GetInt64(0),
            new NpgsqlParameter("client", client));

        Assert.Equal(sample.Rows.Sum(row => (int)row!["charged"]!), used);
        Assert.True(used > 0, "The sample's usage should charge something.");
        Assert.Equal(0, unsettled);
    }

    [Fact]
    public async Task WebhookEvent_OfTheSample_IsADuplicateWhenDeliveredAgain()
    {
        var sample = Load("juicebox_webhook_events");
        var row = Assert.Single(sample.Rows)!;
        var eventId = "evt_compatibility_" + Guid.NewGuid().ToString("N");
        await InsertAsync(sample, sample.RowsWith(new Dictionary<string, JsonNode?> { ["event_id"] = eventId }));

        var outcome = await cluster.Grains.GetGrain<IJuiceboxWebhookGrain>(0).HandleAsync(new JuiceboxWebhookEvent
        {
            Id = eventId,
            Type = (string)row["event_type"]!,
            ProfileId = cluster.Sandbox.GetProfileId(CompatibilitySampleWriter.WebhookProfileIndex),
        });

        Assert.Equal(WebhookOutcome.Duplicate, outcome);
    }

    [Fact]
    public async Task DeadLetters_OfTheSample_AreListedWithTheirRequestDecoded()
    {
        var sample = Load("juicebox_stream_dead_letters");
        var row = Assert.Single(sample.Rows)!;

        // An id from the queue's own sequence: a retry puts a dead letter back under its id.
        var messageId = await TestDatabase.SingleAsync(
            cluster.ConnectionString,
            "SELECT nextval(pg_get_serial_sequence('juicebox_stream_messages', 'message_id'))",
            reader => reader.GetInt64(0));
        await InsertAsync(sample, sample.RowsWith(new Dictionary<string, JsonNode?>
        {
            ["message_id"] = messageId,
            ["dead_on"] = DateTimeOffset.UtcNow.ToString("O"),
        }));
        try
        {
            var letters = await cluster.Grains.GetGrain<IEnrichmentOperationsGrain>(0).GetDeadLettersAsync(afterMessageId: messageId - 1, limit: 1);
            var letter = Assert.Single(letters);
            Assert.Equal(messageId, letter.MessageId);
            Assert.Equal((string)row["reason"]!, letter.Reason);
            Assert.NotNull(letter.JobId);
            Assert.Equal(new[] { cluster.Sandbox.GetProfileId(CompatibilitySampleWriter.DeadLetterProfileIndex) }, letter.ProfileIds);
            Assert.Equal((int)row["attempts"]!, letter.Attempts);
        }
        finally
        {
            await TestDatabase.ExecuteAsync(
                cluster.ConnectionString, "DELETE FROM juicebox_stream_dead_letters WHERE message_id = @id", new NpgsqlParameter("id", messageId));
        }
    }

    [Fact]
    public void PubSubState_OfTheSample_IsReadByOrleansStorageSerializer()
    {
        var sample = TableSample.Load($"orleansstorage.pubsub.{CompatibilitySampleWriter.Version}.json");
        var serializer = Silo.GetRequiredService<OrleansGrainStorageSerializer>();

        // Orleans' own state type, internal to Orleans.Streaming: what its rendezvous grain reads on activation.
        var stateType = Type.GetType("Orleans.Streams.PubSubGrainState, Orleans.Streaming", throwOnError: true)!;
        var deserialize = typeof(OrleansGrainStorageSerializer).GetMethod(nameof(OrleansGrainStorageSerializer.Deserialize))!.MakeGenericMethod(stateType);

        Assert.NotEmpty(sample.Rows);
        foreach (var row in sample.Rows)
        {
            var payload = Convert.FromHexString(((string)row!["payloadbinary"]!)[2..]);
            var state = deserialize.Invoke(serializer, [new BinaryData(payload)]);
            Assert.NotNull(state);
            var producers = ((IEnumerable)stateType.GetProperty("Producers")!.GetValue(state)!).Cast<object>().ToList();
            Assert.True(producers.Count > 0, $"The pub-sub state of {row["grainidextensionstring"]} was read without the producer it held.");
        }
    }

    [Fact]
    public void ReadCacheRegistryState_OfTheSample_IsReadByOrleansStorageSerializer()
    {
        var row = Assert.Single(TableSample.Load($"orleansstorage.readcache.{CompatibilitySampleWriter.Version}.json").Rows)!;
        var serializer = Silo.GetRequiredService<OrleansGrainStorageSerializer>();

        // What the registry reads on activation, so that it knows the front ends under the tokens they hold.
        var state = serializer.Deserialize<ReadCacheRegistryState>(new BinaryData(Convert.FromHexString(((string)row["payloadbinary"]!)[2..])));

        var frontEnd = Assert.Single(Assert.IsType<ReadCacheRegistryState>(state).FrontEnds);
        Assert.Equal(CompatibilitySampleWriter.SampleFrontEndId, frontEnd.Subscription.FrontEndId);
        Assert.Equal(CompatibilitySampleWriter.SampleReadCacheLease, frontEnd.Subscription.Lease);
        Assert.NotEqual(Guid.Empty, frontEnd.Token);
        var observer = frontEnd.Subscription.Observer.GetGrainId();
        var thisBuilds = cluster.Grains.CreateObjectReference<IProfileChangeObserver>(new IgnoringFrontEnd()).GetGrainId();
        Assert.True(observer.Type == thisBuilds.Type, $"The sample's observer came back as {observer}, not a front end's observer reference like {thisBuilds}.");
    }

    private static TableSample Load(string table) => TableSample.Load($"{table}.{CompatibilitySampleWriter.Version}.json");

    private async Task InsertAsync(TableSample sample, JsonArray rows)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync(Cancellation);
        Assert.Equal(rows.Count, await sample.InsertAsync(connection, rows));
    }

    /// <summary>The audit log's rows after <paramref name="afterId"/> that carry <paramref name="marker"/>, page by page as an operator reads it.</summary>
    private async Task<List<AuditEntry>> ReadAuditAfterAsync(long afterId, string marker)
    {
        var log = cluster.Grains.GetGrain<IAuditLogGrain>(0);
        List<AuditEntry> found = [];
        long? after = afterId;
        while (true)
        {
            var page = await log.ReadAsync(after, limit: 100);
            if (page.Count == 0)
            {
                return found;
            }

            found.AddRange(page.Where(entry => entry.CorrelationId == marker));
            after = page[^1].Id;
        }
    }
}
