using System.Text.Json.Nodes;
using Juicebox.Cluster.Tests.Enrichment;
using Juicebox.GrainInterfaces.Enrichment;
using Juicebox.Grains.Profiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Storage;

namespace Juicebox.Cluster.Tests.Compatibility;

/// <summary>
/// The data an earlier version left in PostgreSQL, read by this build (a rolling upgrade runs both at
/// once, and never rewrites what is stored): every sample under <c>Compatibility/Samples/</c> still
/// fits its table, and the code reads each kind back: profile grain state, enrichment job rows, and
/// stream messages (delivered to the workers, which finish the sample's job). A change that cannot
/// read them fails here. Samples are written by <see cref="CompatibilitySampleWriter"/>.
/// </summary>
[Collection(EnrichmentClusterCollection.Name)]
public sealed class CompatibilityTests(EnrichmentClusterFixture cluster)
{
    private static readonly TimeSpan _jobLimit = TimeSpan.FromMinutes(1);

    public static TheoryData<string> SampleFiles() => [.. TableSample.Files()];

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public async Task Sample_StillFitsItsTable(string file)
    {
        var sample = TableSample.Load(file);
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var columns = await ColumnsAsync(connection, sample.Table);

        Assert.True(columns.Count > 0, $"{file}: table {sample.Table} no longer exists.");
        var sampled = TableSample.ColumnsOf(sample.Rows);
        Assert.All(sampled, column => Assert.True(columns.ContainsKey(column), $"{file}: column {sample.Table}.{column} was dropped or renamed; old rows still carry it."));
        Assert.All(
            columns.Where(column => column.Value && !sampled.Contains(column.Key)),
            column => Assert.Fail($"{file}: {sample.Table}.{column.Key} is NOT NULL without a default, so rows an older version inserts fail."));

        // Into a copy without keys and indexes: the types, NOT NULLs and checks of today's table decide.
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var copy = new NpgsqlCommand($"CREATE TEMP TABLE sample_copy (LIKE {sample.Table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS) ON COMMIT DROP", connection, transaction))
        {
            await copy.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var inserted = await (sample with { Table = "sample_copy" }).InsertAsync(connection, sample.Rows, transaction, typeOf: sample.Table);
        Assert.Equal(sample.Rows.Count, inserted);
        await transaction.RollbackAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// One test in a fixed order: the sample job's stream messages enrich the very profiles whose stored
    /// state is sampled, so the grain state must be inserted and read before the workers write theirs.
    /// </summary>
    [Fact]
    public async Task GrainState_ThenJobRowsAndStreamMessages_OfTheSamples_AreReadBack()
    {
        await ProfileGrainState_OfTheSample_IsReadByTheStorageSerializer_AndByTheGrain();
        await EnrichmentJobRowsAndStreamMessages_OfTheSample_AreReadByTheStoreAndDeliveredToTheWorkers();
    }

    private async Task ProfileGrainState_OfTheSample_IsReadByTheStorageSerializer_AndByTheGrain()
    {
        var sample = TableSample.Load($"orleansstorage.profile.{CompatibilitySampleWriter.Version}.json");
        var services = cluster.Cluster.Silos[0].SiloHost.Services;
        var serializer = services.GetRequiredService<SystemTextJsonGrainStorageSerializer>();
        var serviceId = services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;

        foreach (var row in sample.Rows)
        {
            var key = (string)row!["grainidextensionstring"]!;
            var payload = Convert.FromHexString(((string)row["payloadbinary"]!)[2..]);
            var state = serializer.Deserialize<ProfileState>(new BinaryData(payload));
            Assert.NotNull(state);
            Assert.Equal(key[2..], state.Profile?.Id);
            Assert.NotNull(state.EnrichedAt);
            Assert.NotNull(state.Profile!.Contact);
        }

        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await sample.InsertAsync(connection, sample.RowsWith(new Dictionary<string, JsonNode?> { ["serviceid"] = serviceId }));
        }

        foreach (var row in sample.Rows)
        {
            var id = ((string)row!["grainidextensionstring"]!)[2..];
            var read = await cluster.Grains.GetProfileGrain(id).GetAsync();
            Assert.Equal(ProfileReadOutcome.Found, read.Outcome);
            Assert.Equal(id, read.Profile?.Id);
        }
    }

    private async Task EnrichmentJobRowsAndStreamMessages_OfTheSample_AreReadByTheStoreAndDeliveredToTheWorkers()
    {
        var jobs = TableSample.Load($"juicebox_enrichment_jobs.{CompatibilitySampleWriter.Version}.json");
        var items = TableSample.Load($"juicebox_enrichment_items.{CompatibilitySampleWriter.Version}.json");
        var messages = TableSample.Load($"juicebox_stream_messages.{CompatibilitySampleWriter.Version}.json");
        var jobId = Guid.Parse((string)jobs.Rows.Single()!["job_id"]!);

        // The job as it stood when the requests were queued: nothing settled, so only the messages can finish it.
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await jobs.InsertAsync(connection, jobs.RowsWith(new Dictionary<string, JsonNode?> { ["finished_at"] = null }));
            await items.InsertAsync(connection, items.RowsWith(new Dictionary<string, JsonNode?>
            {
                ["status"] = 0,
                ["reason"] = null,
                ["started_at"] = null,
                ["finished_at"] = null,
            }));
            var coordinator = cluster.Grains.GetGrain<IEnrichmentCoordinatorGrain>(0);
            var queued = await coordinator.GetProgressAsync(jobId);
            Assert.Equal((items.Rows.Count, 0), (queued?.Total ?? -1, queued?.Done ?? -1));

            // New ids: the sample's may be taken in this database; the id is not part of the payload.
            var rows = new JsonArray([.. messages.Rows.Select(row =>
            {
                var copy = row!.DeepClone().AsObject();
                copy.Remove("message_id");
                copy["visible_on"] = DateTimeOffset.UtcNow.ToString("O");
                return (JsonNode)copy;
            })]);
            await messages.InsertAsync(connection, rows);

            var finished = await EnrichmentJobs.WaitForAsync(
                coordinator, jobId, progress => progress.IsFinished, "the sample's job to be finished by its sample stream messages", _jobLimit);
            Assert.True(finished.Done == items.Rows.Count && finished.Failed == 0, $"Every item of the sample job should be done: {finished}");
        }

        var deadLetters = await Persistence.TestDatabase.SingleAsync(
            cluster.ConnectionString,
            "SELECT count(*) FROM juicebox_stream_dead_letters WHERE payload = ANY(@payloads)",
            reader => reader.GetInt64(0),
            new NpgsqlParameter("payloads", messages.Rows.Select(row => Convert.FromHexString(((string)row!["payload"]!)[2..])).ToArray()));
        Assert.Equal(0, deadLetters);
    }

    /// <summary>Each column of a table and whether an insert must give it (NOT NULL, no default, not generated).</summary>
    private static async Task<Dictionary<string, bool>> ColumnsAsync(NpgsqlConnection connection, string table)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT column_name, is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO' AND is_generated = 'NEVER'
            FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = @table
            """,
            connection);
        command.Parameters.AddWithValue("table", table);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var columns = new Dictionary<string, bool>(StringComparer.Ordinal);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            columns[reader.GetString(0)] = reader.GetBoolean(1);
        }

        return columns;
    }
}
