using Juicebox.Cluster.Tests.Enrichment;
using Juicebox.Cluster.Tests.Persistence;
using Juicebox.GrainInterfaces.Clients;
using Juicebox.GrainInterfaces.Enrichment;
using Juicebox.GrainInterfaces.Privacy;
using Juicebox.GrainInterfaces.ReadCache;
using Juicebox.Grains.ReadCache;
using Juicebox.Sandbox.Faults;
using Npgsql;

namespace Juicebox.Cluster.Tests.Compatibility;

/// <summary>
/// Writes the samples of <c>Compatibility/Samples/</c> with this build's code: enriches a few
/// profiles through a real cluster on PostgreSQL for an API client and keeps the rows it left (grain
/// state, job rows, the client's usage row, the profiles index, and the stream message that carried the
/// request, copied by a trigger before the worker consumed it); then a request the upstream keeps
/// failing (its dead letter), an erasure (the suppression entry and its audit row), a batch of audit
/// rows as client-api hands them over, a webhook event, and Orleans' pub-sub state of the enrichment
/// streams. Run it only when a release's samples are to be recorded, then commit them:
/// <c>dotnet test --project tests/Juicebox.Cluster.Tests -- --filter-class '*CompatibilitySampleWriter' --explicit only</c>.
/// </summary>
[Collection(EnrichmentClusterCollection.Name)]
public sealed class CompatibilitySampleWriter(EnrichmentClusterFixture cluster)
{
    /// <summary>The version the samples written now belong to.</summary>
    public const string Version = "v1";

    /// <summary>Sandbox profiles far above what other tests of the fixture use, so a reader can insert them back.</summary>
    public static readonly int[] SampleProfileIndexes = [19_991, 19_992, 19_993];

    /// <summary>The profile the sample erasure erased: its suppression entry is its keyed hash.</summary>
    public const int ErasedProfileIndex = 19_994;

    /// <summary>The profile the sample webhook event names.</summary>
    public const int WebhookProfileIndex = 19_995;

    /// <summary>The profile of the request the upstream kept failing, so that it was dead-lettered.</summary>
    public const int DeadLetterProfileIndex = 19_996;

    /// <summary>The API client the sample job was submitted for, and the erasure and audit rows name.</summary>
    public const string SampleClient = "compatibility-sample";

    /// <summary>The front end the read-cache registry's sample holds, and the lease it registered with.</summary>
    public static readonly Guid SampleFrontEndId = new("6f1c2a4e-0d3b-4c5a-9e7f-1a2b3c4d5e6f");

    public static readonly TimeSpan SampleReadCacheLease = TimeSpan.FromSeconds(30);

    private const int SampleAllowance = 1_000;

    private static readonly TimeSpan _jobLimit = TimeSpan.FromMinutes(1);

    [Fact(Explicit = true)]
    public async Task WriteSamples()
    {
        var ids = SampleProfileIndexes.Select(cluster.Sandbox.GetProfileId).ToList();
        await TestDatabase.ExecuteAsync(cluster.ConnectionString, """
            CREATE TABLE sample_stream_messages AS SELECT * FROM juicebox_stream_messages WITH NO DATA;
            CREATE FUNCTION sample_stream_message() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN INSERT INTO sample_stream_messages SELECT NEW.*; RETURN NEW; END $$;
            CREATE TRIGGER sample_stream_message AFTER INSERT ON juicebox_stream_messages
                FOR EACH ROW EXECUTE FUNCTION sample_stream_message();
            """);
        try
        {
            var coordinator = cluster.Grains.GetGrain<IEnrichmentCoordinatorGrain>(0);
            var usage = cluster.Grains.GetGrain<IClientUsageGrain>(SampleClient);
            var job = (await usage.SubmitAsync(ids, SampleAllowance)).Job ?? throw new InvalidOperationException("The sample job was refused.");
            await EnrichmentJobs.WaitForAsync(coordinator, job.JobId, progress => progress.IsFinished, "the sample job to finish", _jobLimit);
            Assert.Equal(ids.Count, await usage.GetUsedThisMonthAsync());

            await DeadLetterAsync(coordinator, cluster.Sandbox.GetProfileId(DeadLetterProfileIndex));
            await cluster.Grains.GetGrain<IProfileErasureGrain>(0).EraseAsync(cluster.Sandbox.GetProfileId(ErasedProfileIndex), SampleClient);
            await cluster.Grains.GetGrain<IAuditLogGrain>(0).AppendAsync(ClientApiAuditRows(ids[0]));
            var webhook = new JuiceboxWebhookEvent
            {
                Id = "evt_compatibility_sample_" + Version,
                Type = JuiceboxWebhookEvent.ProfileEnriched,
                Timestamp = DateTimeOffset.UtcNow,
                ProfileId = cluster.Sandbox.GetProfileId(WebhookProfileIndex),
            };
            Assert.Equal(WebhookOutcome.Handled, await cluster.Grains.GetGrain<IJuiceboxWebhookGrain>(0).HandleAsync(webhook));

            var jobId = new NpgsqlParameter("job", job.JobId);
            await TableSample.WriteAsync(cluster.ConnectionString, $"juicebox_enrichment_jobs.{Version}.json", "juicebox_enrichment_jobs", Version,
                "SELECT * FROM juicebox_enrichment_jobs WHERE job_id = @job", jobId);
            await TableSample.WriteAsync(cluster.ConnectionString, $"juicebox_enrichment_items.{Version}.json", "juicebox_enrichment_items", Version,
                "SELECT * FROM juicebox_enrichment_items WHERE job_id = @job ORDER BY profile_id", new NpgsqlParameter("job", job.JobId));
            await TableSample.WriteAsync(cluster.ConnectionString, $"juicebox_stream_messages.{Version}.json", "juicebox_stream_messages", Version,
                "SELECT * FROM sample_stream_messages WHERE message_id NOT IN (SELECT message_id FROM juicebox_stream_dead_letters) ORDER BY message_id");
            await TableSample.WriteAsync(cluster.ConnectionString, $"orleansstorage.profile.{Version}.json", "orleansstorage", Version,
                "SELECT * FROM orleansstorage WHERE graintypestring = 'profile' AND grainidextensionstring = ANY(@keys) ORDER BY grainidextensionstring",
                new NpgsqlParameter("keys", ids.Select(id => "p:" + id).ToArray()));
            await TableSample.WriteAsync(cluster.ConnectionString, $"profiles.{Version}.json", "profiles", Version,
                "SELECT * FROM profiles WHERE id = ANY(@ids) ORDER BY id", new NpgsqlParameter("ids", ids.ToArray()));
            await TableSample.WriteAsync(cluster.ConnectionString, $"juicebox_client_enrichment_usage.{Version}.json", "juicebox_client_enrichment_usage", Version,
                "SELECT * FROM juicebox_client_enrichment_usage WHERE client = @client", new NpgsqlParameter("client", SampleClient));
            await TableSample.WriteAsync(cluster.ConnectionString, $"juicebox_stream_dead_letters.{Version}.json", "juicebox_stream_dead_letters", Version,
                "SELECT * FROM juicebox_stream_dead_letters ORDER BY message_id");
            await TableSample.WriteAsync(cluster.ConnectionString, $"juicebox_suppressions.{Version}.json", "juicebox_suppressions", Version,
                "SELECT * FROM juicebox_suppressions");
            await TableSample.WriteAsync(cluster.ConnectionString, $"juicebox_audit.{Version}.json", "juicebox_audit", Version,
                "SELECT * FROM juicebox_audit ORDER BY id");
            await TableSample.WriteAsync(cluster.ConnectionString, $"juicebox_webhook_events.{Version}.json", "juicebox_webhook_events", Version,
                "SELECT * FROM juicebox_webhook_events WHERE event_id = @id", new NpgsqlParameter("id", webhook.Id));
            await TableSample.WriteAsync(cluster.ConnectionString, $"orleansstorage.pubsub.{Version}.json", "orleansstorage", Version,
                "SELECT * FROM orleansstorage WHERE graintypestring = 'PubSubRendezvousGrain' ORDER BY grainidextensionstring");
        }
        finally
        {
            await TestDatabase.ExecuteAsync(cluster.ConnectionString, """
                DROP TRIGGER IF EXISTS sample_stream_message ON juicebox_stream_messages;
                DROP FUNCTION IF EXISTS sample_stream_message();
                DROP TABLE IF EXISTS sample_stream_messages;
                """);
        }
    }

    /// <summary>
    /// The read-cache registry's stored list of front ends, holding one (its observer reference in Orleans' binary
    /// format). Only the writer's tests may run meanwhile (<c>--explicit only</c>): a front end another test
    /// registered would be written too.
    /// </summary>
    [Fact(Explicit = true)]
    public async Task WriteReadCacheRegistrySample()
    {
        var registry = cluster.Grains.GetGrain<IReadCacheRegistryGrain>(IReadCacheRegistryGrain.Key);
        var subscription = new ReadCacheSubscription
        {
            FrontEndId = SampleFrontEndId,
            Observer = cluster.Grains.CreateObjectReference<IProfileChangeObserver>(new IgnoringFrontEnd()),
            Lease = SampleReadCacheLease,
        };
        var registration = await registry.RegisterAsync(subscription);
        try
        {
            await TableSample.WriteAsync(cluster.ConnectionString, $"orleansstorage.readcache.{Version}.json", "orleansstorage", Version,
                "SELECT * FROM orleansstorage WHERE graintypestring = @state", new NpgsqlParameter("state", ReadCacheRegistryGrain.StateName));
        }
        finally
        {
            await registry.DropAsync(SampleFrontEndId, registration.Token);
        }
    }

    /// <summary>A one-profile job while every upstream call fails: its request is given up and dead-lettered.</summary>
    private async Task DeadLetterAsync(IEnrichmentCoordinatorGrain coordinator, string profileId)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await cluster.Upstream.SetFaultsAsync(new SandboxFaultOptions { FailAll = true }, cancellationToken);
        try
        {
            var job = await coordinator.SubmitAsync([profileId]);
            var failed = await EnrichmentJobs.WaitForAsync(coordinator, job.JobId, progress => progress.IsFinished, "the failing job to be given up", _jobLimit);
            Assert.Equal(1, failed.Failed);
        }
        finally
        {
            await cluster.Upstream.ClearFaultsAsync(cancellationToken);
        }
    }

    /// <summary>Rows as client-api's audit trail hands them to the audit log: a contact read and an operator's retry.</summary>
    private static List<AuditEntry> ClientApiAuditRows(string profileId) =>
    [
        new AuditEntry { At = DateTimeOffset.UtcNow, Client = SampleClient, Action = AuditActions.ContactRead, ProfileId = profileId, CorrelationId = "compatibility-sample-read" },
        new AuditEntry { At = DateTimeOffset.UtcNow, Client = SampleClient, Action = AuditActions.DeadLettersRetried, Count = 1, CorrelationId = "compatibility-sample-retry" },
    ];
}
