using Juicebox.Cluster.Tests.Enrichment;
using Juicebox.GrainInterfaces.Enrichment;
using Juicebox.Cluster.Tests.Persistence;
using Npgsql;

namespace Juicebox.Cluster.Tests.Compatibility;

/// <summary>
/// Writes the samples of <c>Compatibility/Samples/</c> with this build's code: enriches a few
/// profiles through a real cluster on PostgreSQL and keeps the rows it left (grain state, job rows, the
/// profiles index, and the stream message that carried the request, copied by a trigger before the
/// worker consumed it). Run it only when a release's samples are to be recorded, then commit them:
/// <c>dotnet test --project tests/Juicebox.Cluster.Tests -- --filter-class '*CompatibilitySampleWriter' --explicit only</c>.
/// </summary>
[Collection(EnrichmentClusterCollection.Name)]
public sealed class CompatibilitySampleWriter(EnrichmentClusterFixture cluster)
{
    /// <summary>The version the samples written now belong to.</summary>
    public const string Version = "v1";

    /// <summary>Sandbox profiles far above what other tests of the fixture use, so a reader can insert them back.</summary>
    public static readonly int[] SampleProfileIndexes = [19_991, 19_992, 19_993];

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
            var job = await coordinator.SubmitAsync(ids);
            await EnrichmentJobs.WaitForAsync(coordinator, job.JobId, progress => progress.IsFinished, "the sample job to finish", _jobLimit);
            var jobId = new NpgsqlParameter("job", job.JobId);

            await TableSample.WriteAsync(cluster.ConnectionString, $"juicebox_enrichment_jobs.{Version}.json", "juicebox_enrichment_jobs", Version,
                "SELECT * FROM juicebox_enrichment_jobs WHERE job_id = @job", jobId);
            await TableSample.WriteAsync(cluster.ConnectionString, $"juicebox_enrichment_items.{Version}.json", "juicebox_enrichment_items", Version,
                "SELECT * FROM juicebox_enrichment_items WHERE job_id = @job ORDER BY profile_id", new NpgsqlParameter("job", job.JobId));
            await TableSample.WriteAsync(cluster.ConnectionString, $"juicebox_stream_messages.{Version}.json", "juicebox_stream_messages", Version,
                "SELECT * FROM sample_stream_messages ORDER BY message_id");
            await TableSample.WriteAsync(cluster.ConnectionString, $"orleansstorage.profile.{Version}.json", "orleansstorage", Version,
                "SELECT * FROM orleansstorage WHERE graintypestring = 'profile' AND grainidextensionstring = ANY(@keys) ORDER BY grainidextensionstring",
                new NpgsqlParameter("keys", ids.Select(id => "p:" + id).ToArray()));
            await TableSample.WriteAsync(cluster.ConnectionString, $"profiles.{Version}.json", "profiles", Version,
                "SELECT * FROM profiles WHERE id = ANY(@ids) ORDER BY id", new NpgsqlParameter("ids", ids.ToArray()));
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
}
