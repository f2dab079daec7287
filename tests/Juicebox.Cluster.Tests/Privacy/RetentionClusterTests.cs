using Juicebox.Cluster.Tests.Persistence;
using Juicebox.GrainInterfaces.Privacy;
using Juicebox.Sandbox;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Juicebox.Cluster.Tests.Privacy;

/// <summary>
/// The retention job in Cluster mode on a fake clock: profiles unused for Privacy:ProfileRetention go,
/// reads keep a profile (recorded in its row without a write per read), contact blocks older than
/// Privacy:ContactRetention are removed from profiles that stay, and audit rows older than
/// Privacy:AuditRetention are deleted.
/// </summary>
public sealed class RetentionClusterTests(PostgresFixture postgres)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retention_DeletesUnusedProfiles_KeepsReadOnes_AndStripsOldContactBlocks()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { ProfileCount = 100, Keys = [Profiles.ProfileClusterFixture.UnpacedKey] }, cancellationToken: Cancellation);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);

        // Profiles never go stale here, so only reads (not refreshes) can keep one.
        await using var cluster = await PrivacyClusterHost.StartAsync(database, sandbox, clock, new Dictionary<string, string?>
        {
            ["ProfileCache:TimeToLive"] = "1000.00:00:00",
        });
        var grains = cluster.Client;
        var (read, unused, enriched) = (sandbox.GetProfileId(1), sandbox.GetProfileId(2), sandbox.GetProfileId(3));
        foreach (var id in new[] { read, unused, enriched })
        {
            Assert.Equal(ProfileReadOutcome.Found, (await grains.GetProfileGrain(id).GetAsync()).Outcome);
        }

        var profile = (await grains.GetProfileGrain(enriched).GetAsync()).Profile!;
        await grains.GetProfileGrain(enriched).ApplyEnrichmentAsync(profile with { Contact = new ContactData { Email = "someone@example.com" }, EnrichedAt = clock.GetUtcNow() });

        // Audit rows: two past Privacy:AuditRetention (365 days) by the time the job runs, one within it.
        var start = clock.GetUtcNow();
        await grains.GetGrain<IAuditLogGrain>(0).AppendAsync(
        [
            AuditRow(start - TimeSpan.FromDays(200)),
            AuditRow(start - TimeSpan.FromDays(190)),
            AuditRow(start - TimeSpan.FromDays(170)),
        ]);

        clock.Advance(TimeSpan.FromDays(100));
        await grains.GetProfileGrain(read).GetAsync();

        // A JSON read: the enriched profile is then held as its rendered JSON only, contact block included.
        Assert.NotNull((await grains.GetProfileGrain(enriched).GetJsonAsync()).ContactOffset);
        await WaitForLastReadAsync(database, read);
        await WaitForLastReadAsync(database, enriched);
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM profiles WHERE id = @id AND last_read_at IS NULL", unused));

        clock.Advance(TimeSpan.FromDays(85));
        var run = await grains.GetGrain<IRetentionGrain>(0).RunAsync(force: true);

        Assert.Equal((true, 1, 1, 2), (run.Ran, run.ProfilesDeleted, run.ContactsStripped, run.AuditRowsDeleted));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM juicebox_audit WHERE action = 'dead-letters.retried'", null));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM juicebox_audit WHERE action = 'retention.audit-deleted' AND item_count = 2", null));
        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM profiles WHERE id = @id", unused));
        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM orleansstorage WHERE position(@id in coalesce(grainidextensionstring, '')) > 0", unused));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM profiles WHERE id = @id", read));
        Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM profiles WHERE id = @id AND enriched_at IS NULL", enriched));
        var stripped = await grains.GetProfileGrain(enriched).GetAsync();
        Assert.Equal(ProfileReadOutcome.Found, stripped.Outcome);
        Assert.Null(stripped.Profile!.Contact);
        var strippedJson = await grains.GetProfileGrain(enriched).GetJsonAsync();
        Assert.Null(strippedJson.ContactOffset);
        Assert.DoesNotContain("someone@example.com", System.Text.Encoding.UTF8.GetString(strippedJson.ProfileJson!), StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync(database, "SELECT count(*) FROM juicebox_audit WHERE client = 'system' AND item_count = 1 AND action LIKE 'retention.%'", null));

        // A second request within the interval is skipped; the run above counts as the last.
        Assert.False((await grains.GetGrain<IRetentionGrain>(0).RunAsync(force: false)).Ran);
    }

    private static AuditEntry AuditRow(DateTimeOffset at) =>
        new() { At = at, Client = "retention-test", Action = AuditActions.DeadLettersRetried, Count = 1 };

    private static async Task WaitForLastReadAsync(string database, string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await CountAsync(database, "SELECT count(*) FROM profiles WHERE id = @id AND last_read_at IS NOT NULL", id) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited 30 s for profile {id}'s last read to reach its row.");
            await Task.Delay(50, Cancellation);
        }
    }

    private static async Task<long> CountAsync(string database, string sql, string? id) =>
        await TestDatabase.SingleAsync(database, sql, reader => reader.GetInt64(0), id is null ? [] : [new NpgsqlParameter("id", id)]);
}
