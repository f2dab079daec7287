using Juicebox.Cluster.Tests.Persistence;
using Juicebox.GrainInterfaces.Privacy;
using Juicebox.Sandbox;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Juicebox.Cluster.Tests.Privacy;

/// <summary>
/// Erasure in Cluster mode: nothing in PostgreSQL names the person afterwards (grain state, the
/// profiles table, the suppression list, the audit log, even a contact read logged after the erasure), reads are refused without an upstream call,
/// and both the suppression and the handled webhook events survive a restart of the cluster.
/// </summary>
public sealed class ErasureClusterTests(PostgresFixture postgres)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Erasure_LeavesNoRowNamingThePerson_AndTheSuppressionAndHandledWebhooksSurviveAClusterRestart()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { ProfileCount = 100, Keys = [Profiles.ProfileClusterFixture.UnpacedKey] }, cancellationToken: Cancellation);
        using var upstream = new SandboxControl(sandbox.RootAddress);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var id = sandbox.GetProfileId(7);
        var webhook = new JuiceboxWebhookEvent { Id = "evt_" + Guid.NewGuid().ToString("N"), Type = JuiceboxWebhookEvent.KeyRotated };

        var cluster = await PrivacyClusterHost.StartAsync(database, sandbox, clock);
        try
        {
            // A JSON read: the grain then holds the profile as its rendered JSON only, which erasure must remove as well.
            Assert.Equal(ProfileReadOutcome.Found, (await cluster.Client.GetProfileGrain(id).GetJsonAsync()).Outcome);
            Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM orleansstorage WHERE position(@id in coalesce(grainidextensionstring, '')) > 0", id));
            Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM profiles WHERE id = @id", id));

            var auditLog = cluster.Client.GetGrain<IAuditLogGrain>(0);
            await auditLog.AppendAsync([ContactRead(id, clock)]);
            Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM juicebox_audit WHERE profile_id = @id", id));

            var erasure = await cluster.Client.GetGrain<IProfileErasureGrain>(0).EraseAsync(id, "cluster-test");

            // A contact read buffered by a client-api while the erasure ran arrives after it.
            await auditLog.AppendAsync([ContactRead(id, clock), ContactRead(sandbox.GetProfileId(8), clock)]);

            Assert.True(erasure.HeldProfile);
            Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM orleansstorage WHERE position(@id in coalesce(grainidextensionstring, '')) > 0", id));
            Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM profiles WHERE id = @id", id));
            Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM juicebox_suppressions WHERE position(convert_to(@id, 'UTF8') in id_hash) = 0", id));
            Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM juicebox_audit WHERE position(@id in coalesce(profile_id, '') || coalesce(detail, '')) > 0", id));
            Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM juicebox_audit WHERE action = 'profile.erased' AND profile_id = @id", erasure.Pseudonym));
            Assert.Equal(2, await CountAsync(database, "SELECT count(*) FROM juicebox_audit WHERE action = 'contact.read' AND profile_id = @id", erasure.Pseudonym));
            Assert.Equal(1, await CountAsync(database, "SELECT count(*) FROM juicebox_audit WHERE action = 'contact.read' AND profile_id = @id", sandbox.GetProfileId(8)));
            Assert.Equal(WebhookOutcome.Handled, await cluster.Client.GetGrain<IJuiceboxWebhookGrain>(0).HandleAsync(webhook));
            var afterErasure = await cluster.Client.GetProfileGrain(id).GetJsonAsync();
            Assert.Equal(ProfileReadOutcome.Erased, afterErasure.Outcome);
            Assert.Null(afterErasure.ProfileJson);
        }
        finally
        {
            await cluster.DisposeAsync();
        }

        var callsBefore = await upstream.CountCallsAsync("GET /profiles/{id}", Cancellation);
        var restarted = await PrivacyClusterHost.StartAsync(database, sandbox, clock);
        try
        {
            Assert.Equal(ProfileReadOutcome.Erased, (await restarted.Client.GetProfileGrain(id).GetAsync()).Outcome);
            Assert.Equal(callsBefore, await upstream.CountCallsAsync("GET /profiles/{id}", Cancellation));
            Assert.Equal(WebhookOutcome.Duplicate, await restarted.Client.GetGrain<IJuiceboxWebhookGrain>(0).HandleAsync(webhook));

            // The suppression lasts Privacy:SuppressFor (a year), then the id may be collected again.
            clock.Advance(TimeSpan.FromDays(366));
            await restarted.Client.GetGrain<IRetentionGrain>(0).RunAsync(force: true);
            Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM juicebox_suppressions", null));
        }
        finally
        {
            await restarted.DisposeAsync();
        }
    }

    private static AuditEntry ContactRead(string profileId, TimeProvider clock) =>
        new() { At = clock.GetUtcNow(), Client = "cluster-test", Action = AuditActions.ContactRead, ProfileId = profileId };

    private static async Task<long> CountAsync(string database, string sql, string? id) =>
        await TestDatabase.SingleAsync(database, sql, reader => reader.GetInt64(0), id is null ? [] : [new NpgsqlParameter("id", id)]);
}
