using System.Text.Json;
using Juicebox.GrainInterfaces.LocalQueries;
using Juicebox.Grains.LocalQueries;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Core.Internal;

namespace Juicebox.Cluster.Tests.LocalQueries;

/// <summary>How profile grains keep the <c>profiles</c> table in step with their stored state.</summary>
[Collection(LocalQueriesClusterCollection.Name)]
public sealed class ProfileIndexingTests(LocalQueriesClusterFixture fixture)
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadingAndEnrichingAProfile_CopiesItToTheTable_WithoutItsContact()
    {
        var id = fixture.NextProfileId();
        var grain = fixture.Grains.GetProfileGrain(id);

        var read = await grain.GetAsync();
        var copied = await ReadRowAsync(id);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var enriched = read.Profile! with
        {
            Contact = new ContactData { Email = $"{id}@contact.example", PersonalEmail = $"{id}@home.example", Phone = "+1 555 0199" },
            EnrichedAt = fixture.Clock.GetUtcNow(),
        };
        await grain.ApplyEnrichmentAsync(enriched);
        var row = await ReadRowAsync(id);
        var listed = await fixture.Grains.GetGrain<IProfileQueryGrain>(0).QueryAsync(
            new ProfileQuery { Company = read.Profile!.Company, Enriched = true, Limit = ProfileQueryRules.MaxLimit });

        Assert.Equal(ProfileReadOutcome.Found, read.Outcome);
        Assert.NotNull(copied);
        Assert.Equal(read.Profile.Name, copied.Value.GetProperty("name").GetString());
        Assert.Equal(read.Profile.Company, copied.Value.GetProperty("company").GetString());
        Assert.Equal(JsonValueKind.Null, copied.Value.GetProperty("enriched_at").ValueKind);
        Assert.Equal(Micro(read.FetchedAt!.Value), copied.Value.GetProperty("stored_at").GetDateTimeOffset());

        Assert.NotNull(row);
        Assert.Equal(Micro(enriched.EnrichedAt!.Value), row.Value.GetProperty("enriched_at").GetDateTimeOffset());
        var text = row.Value.GetRawText();
        Assert.DoesNotContain("contact.example", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("home.example", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("555 0199", text, StringComparison.Ordinal);
        Assert.Equal(enriched.Contact.Email, (await grain.GetAsync()).Profile!.Contact!.Email);

        var listing = Assert.Single(listed.Items, item => item.Id == id);
        Assert.Equal(Micro(enriched.EnrichedAt.Value), listing.EnrichedAt);
    }

    [Fact]
    public async Task AFailedTableWrite_IsRetriedWhileTheGrainStaysActive()
    {
        var id = fixture.NextProfileId();
        fixture.Index.Break(id);

        var read = await fixture.Grains.GetProfileGrain(id).GetAsync();
        await WaitUntilAsync(async () => fixture.Index.FailedWrites(id) >= 2, "the grain to retry its failed table write");
        var missingWhileBroken = await ReadRowAsync(id) is null;
        var storedWhileBroken = await CountStoredStatesAsync(id);
        var failed = fixture.Index.Heal(id);
        await WaitUntilAsync(async () => await ReadRowAsync(id) is not null, "the retried table write to land");

        Assert.Equal(ProfileReadOutcome.Found, read.Outcome);
        Assert.True(missingWhileBroken);
        Assert.Equal(1, storedWhileBroken);
        Assert.True(failed >= 2, $"{failed} writes failed.");
        Assert.Equal(Micro(read.FetchedAt!.Value), (await ReadRowAsync(id))!.Value.GetProperty("stored_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task ARowThatIsMissingOrOlder_IsRewrittenWhenTheGrainActivates()
    {
        var missing = fixture.NextProfileId();
        var older = fixture.NextProfileId();
        foreach (var id in new[] { missing, older })
        {
            await fixture.Grains.GetProfileGrain(id).GetAsync();
            await fixture.Grains.GetProfileGrain(id).Cast<IGrainManagementExtension>().DeactivateOnIdle(Cancel);
        }

        // As if a write had been lost while no grain was active to retry it.
        await ExecuteAsync("DELETE FROM profiles WHERE id = @id", missing);
        await ExecuteAsync("UPDATE profiles SET company = 'Stale Co', stored_at = stored_at - interval '1 day' WHERE id = @id", older);

        var reads = new[]
        {
            await fixture.Grains.GetProfileGrain(missing).GetAsync(),
            await fixture.Grains.GetProfileGrain(older).GetAsync(),
        };
        await WaitUntilAsync(async () => await ReadRowAsync(missing) is not null, "the activated grain to rewrite its missing row");
        await WaitUntilAsync(
            async () => (await ReadRowAsync(older))?.GetProperty("company").GetString() != "Stale Co",
            "the activated grain to rewrite its older row");

        Assert.All(reads, read => Assert.Equal(ProfileSource.Storage, read.Source));
        Assert.Equal(reads[1].Profile!.Company, (await ReadRowAsync(older))!.Value.GetProperty("company").GetString());
    }

    [Fact]
    public async Task AMissingRow_IsRewrittenFromTheJsonOfAGrainThatAJsonReadActivated()
    {
        var id = fixture.NextProfileId();
        var stored = (await fixture.Grains.GetProfileGrain(id).GetAsync()).Profile!;
        await fixture.Grains.GetProfileGrain(id).Cast<IGrainManagementExtension>().DeactivateOnIdle(Cancel);
        await ExecuteAsync("DELETE FROM profiles WHERE id = @id", id);

        // A JSON read keeps only the JSON (parked); the catch-up its activation found needed writes from it.
        var read = await fixture.Grains.GetProfileGrain(id).GetJsonAsync();
        await WaitUntilAsync(async () => await ReadRowAsync(id) is not null, "the grain a JSON read activated to rewrite its missing row");

        Assert.Equal(ProfileSource.Storage, read.Source);
        Assert.Null(read.Profile);
        Assert.Equal(stored.Company, (await ReadRowAsync(id))!.Value.GetProperty("company").GetString());
    }

    [Fact]
    public async Task AnOlderRow_IsRewrittenWithTheStoredCopy_WhenAWriteOfANewerOneFailedMeanwhile()
    {
        var id = fixture.NextProfileId();
        var stored = (await fixture.Grains.GetProfileGrain(id).GetAsync()).Profile!;
        await fixture.Grains.GetProfileGrain(id).Cast<IGrainManagementExtension>().DeactivateOnIdle(Cancel);
        await ExecuteAsync("UPDATE profiles SET company = 'Stale Co', stored_at = stored_at - interval '1 day' WHERE id = @id", id);

        // Activated (its row's catch-up pending), then handed a copy that storage refuses:
        // the copy held in memory is then not the stored one, and the table must get the stored one.
        var grain = fixture.Grains.GetProfileGrain(id);
        await grain.GetJsonAsync();
        await ExecuteAsync("ALTER TABLE orleansstorage RENAME TO orleansstorage_away", id);
        try
        {
            await grain.ApplyEnrichmentAsync(stored with { Company = "Unstored Co", EnrichedAt = fixture.Clock.GetUtcNow() });
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE orleansstorage_away RENAME TO orleansstorage", id);
        }

        await WaitUntilAsync(
            async () => (await ReadRowAsync(id))?.GetProperty("company").GetString() != "Stale Co",
            "the activated grain to rewrite its older row");

        Assert.Equal(stored.Company, (await ReadRowAsync(id))!.Value.GetProperty("company").GetString());
        Assert.Equal("Unstored Co", (await grain.GetAsync()).Profile!.Company);
    }

    [Fact]
    public async Task AnActivationWhoseRowIsCurrent_LearnsItWithItsState_AndNeitherChecksNorWritesLater()
    {
        var id = fixture.NextProfileId();
        await fixture.Grains.GetProfileGrain(id).GetAsync();
        await fixture.Grains.GetProfileGrain(id).Cast<IGrainManagementExtension>().DeactivateOnIdle(Cancel);
        var writesBefore = fixture.Index.Writes(id);
        var versionReadsBefore = fixture.Index.VersionReads(id);

        var read = await fixture.Grains.GetProfileGrain(id).GetAsync();
        var xminAfterActivation = await ReadXminAsync(id);

        // A later check asked for at activation would be in this request's batch or an earlier one (the reader
        // answers requests in order); and a row found behind is handed to a timer turn due at once, so one more
        // call through the grain follows it.
        var marker = "not-stored-" + Guid.NewGuid().ToString("N");
        await fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<ProfileRowVersionReader>().GetLaterAsync(marker).WaitAsync(WaitLimit, Cancel);
        await fixture.Grains.GetProfileGrain(id).GetAsync();

        Assert.Equal(ProfileSource.Storage, read.Source);
        Assert.True(writesBefore >= 1, "The first read should have written the row.");
        Assert.Equal(versionReadsBefore, fixture.Index.VersionReads(id));
        Assert.Equal(1, fixture.Index.VersionReads(marker));
        Assert.Equal(writesBefore, fixture.Index.Writes(id));
        Assert.Equal(xminAfterActivation, await ReadXminAsync(id));
    }

    [Fact]
    public async Task ARowOfTheSameVersionWithoutItsEnrichment_IsRewrittenWhenTheGrainActivates()
    {
        var id = fixture.NextProfileId();
        var grain = fixture.Grains.GetProfileGrain(id);
        var read = await grain.GetAsync();
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var enrichedAt = fixture.Clock.GetUtcNow();
        await grain.ApplyEnrichmentAsync(read.Profile! with { Contact = new ContactData { Email = $"{id}@contact.example" }, EnrichedAt = enrichedAt });
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle(Cancel);

        // As if the write of an enrichment time (same stored version) had been lost.
        await ExecuteAsync("UPDATE profiles SET enriched_at = NULL WHERE id = @id", id);
        var writesBefore = fixture.Index.Writes(id);
        var again = await fixture.Grains.GetProfileGrain(id).GetAsync();
        await WaitUntilAsync(
            async () => (await ReadRowAsync(id))?.GetProperty("enriched_at").ValueKind == JsonValueKind.String,
            "the activated grain to rewrite its row's enrichment time");

        Assert.Equal(ProfileSource.Storage, again.Source);
        Assert.Equal(writesBefore + 1, fixture.Index.Writes(id));
        Assert.Equal(Micro(enrichedAt), (await ReadRowAsync(id))!.Value.GetProperty("enriched_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task AProfileTheUpstreamForgot_LeavesTheTable_EvenAfterAFailedDelete()
    {
        var id = "jbgone" + Guid.NewGuid().ToString("N")[..10];
        var grain = fixture.Grains.GetProfileGrain(id);
        await grain.ApplyEnrichmentAsync(new ProfileData
        {
            Id = id,
            Name = "Gone Person",
            Company = "Vanished Inc",
            Contact = new ContactData { Email = "gone@contact.example" },
            EnrichedAt = fixture.Clock.GetUtcNow(),
        });
        var rowBefore = await ReadRowAsync(id);
        fixture.Index.Break(id);

        fixture.Clock.Advance(LocalQueriesClusterFixture.TimeToLive + TimeSpan.FromSeconds(1));
        var stale = await grain.GetAsync();
        await WaitUntilAsync(async () => fixture.Index.FailedWrites(id) >= 1, "the erased profile's failed table delete");
        var rowWhileBroken = await ReadRowAsync(id);
        fixture.Index.Heal(id);
        await WaitUntilAsync(async () => await ReadRowAsync(id) is null, "the retried delete to remove the row");

        Assert.NotNull(rowBefore);
        Assert.Equal(CacheStatus.Stale, stale.Cache);
        Assert.NotNull(rowWhileBroken);
        Assert.Equal(0, await CountStoredStatesAsync(id));
    }

    [Fact]
    public async Task AFailedStateWrite_IsNotCopiedToTheTable()
    {
        var id = fixture.NextProfileId();
        Assert.Null(await fixture.Grains.GetProfileGrain(id).GetEnrichedAtAsync());

        // PostgreSQL itself refuses the state write (the grain is active, its empty state read already):
        // the storage table is out of the way for a moment.
        await ExecuteAsync("ALTER TABLE orleansstorage RENAME TO orleansstorage_away", id);
        ProfileRead read;
        try
        {
            read = await fixture.Grains.GetProfileGrain(id).GetAsync();
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE orleansstorage_away RENAME TO orleansstorage", id);
        }

        var rowAfterFailedWrite = await ReadRowAsync(id);
        await fixture.Grains.GetProfileGrain(id).ApplyEnrichmentAsync(read.Profile! with { EnrichedAt = fixture.Clock.GetUtcNow() });

        Assert.Equal(ProfileReadOutcome.Found, read.Outcome);
        Assert.Null(rowAfterFailedWrite);
        Assert.NotNull(await ReadRowAsync(id));
        Assert.Equal(1, await CountStoredStatesAsync(id));
    }

    private async Task<JsonElement?> ReadRowAsync(string id)
    {
        await using var command = fixture.Database.CreateCommand("SELECT row_to_json(p)::text FROM profiles AS p WHERE id = @id");
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        return await command.ExecuteScalarAsync(Cancel) is string json ? JsonDocument.Parse(json).RootElement.Clone() : null;
    }

    private async Task<string?> ReadXminAsync(string id)
    {
        await using var command = fixture.Database.CreateCommand("SELECT xmin::text FROM profiles WHERE id = @id");
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        return await command.ExecuteScalarAsync(Cancel) as string;
    }

    private async Task<long> CountStoredStatesAsync(string id)
    {
        await using var command = fixture.Database.CreateCommand(
            "SELECT count(*) FROM orleansstorage WHERE grainidextensionstring = @key AND payloadbinary IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter<string>("key", ProfileKey.ForId(id)));
        return (long)(await command.ExecuteScalarAsync(Cancel))!;
    }

    private async Task ExecuteAsync(string sql, string id)
    {
        await using var command = fixture.Database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string>("id", id));
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {WaitLimit} waiting for {what}.");
            await Task.Delay(20, Cancel);
        }
    }

    private static DateTimeOffset Micro(DateTimeOffset value) => new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);
}
