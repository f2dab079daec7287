using System.Text;
using System.Text.Json;
using Juicebox.Grains;
using Juicebox.Grains.Persistence;
using Juicebox.Grains.Profiles;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Core.Internal;
using Orleans.Storage;

namespace Juicebox.Cluster.Tests.LocalQueries;

/// <summary>
/// The profile state read of Cluster mode (<see cref="PostgresProfileStateReader"/>): the rows Orleans' ADO.NET
/// provider writes, read back as that provider reads them, with the version of the profile's <c>profiles</c> row.
/// </summary>
[Collection(LocalQueriesClusterCollection.Name)]
public sealed class ProfileStateReaderTests(LocalQueriesClusterFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private IServiceProvider Silo => fixture.Cluster.Silos[0].ServiceProvider;

    [Fact]
    public async Task AStoredProfile_ReadsAsOrleansProviderReadsIt_WithItsRowVersion()
    {
        var id = fixture.NextProfileId();
        var grain = fixture.Grains.GetProfileGrain(id);
        var read = await grain.GetAsync();
        await grain.ApplyEnrichmentAsync(read.Profile! with { EnrichedAt = fixture.Clock.GetUtcNow() });
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle(Cancel);

        var (ours, row) = await ReadWithOursAsync(id);
        var orleans = await ReadWithOrleansAsync(id);
        var version = await ReadRowVersionAsync(id);

        Assert.IsType<PostgresProfileStateReader>(Silo.GetRequiredService<IProfileStateReader>());
        Assert.True(ours.RecordExists);
        Assert.Equal(orleans.RecordExists, ours.RecordExists);
        Assert.Equal("2", ours.ETag);
        Assert.Equal(orleans.ETag, ours.ETag);
        Assert.Equal(JsonSerializer.Serialize(orleans.State), JsonSerializer.Serialize(ours.State));
        Assert.Equal(read.Profile!.Name, ours.State!.Profile!.Name);
        Assert.True(row.Known);
        Assert.Equal(version, row.Version);
        Assert.True(row.Version!.Value.Covers(ours.State.Profile, ours.State.FetchedAt!.Value));
    }

    [Fact]
    public async Task AStoredProfileWithoutARow_SaysSo_AndAnUnknownProfile_HasNoState()
    {
        var stored = fixture.NextProfileId();
        await fixture.Grains.GetProfileGrain(stored).GetAsync();
        await using (var command = fixture.Database.CreateCommand("DELETE FROM profiles WHERE id = @id"))
        {
            command.Parameters.Add(new NpgsqlParameter<string>("id", stored));
            await command.ExecuteNonQueryAsync(Cancel);
        }

        var (withoutRow, missingRow) = await ReadWithOursAsync(stored);
        var (unknown, unknownRow) = await ReadWithOursAsync("never-stored-" + Guid.NewGuid().ToString("N")[..12]);

        Assert.True(withoutRow.RecordExists);
        Assert.NotNull(withoutRow.State!.Profile);
        Assert.Equal(new ProfileRowAtRead(Known: true, Version: null), missingRow);
        Assert.False(unknown.RecordExists);
        Assert.Null(unknown.ETag);
        Assert.Null(unknown.State!.Profile);
        Assert.Equal(new ProfileRowAtRead(Known: true, Version: null), unknownRow);
    }

    [Fact]
    public async Task AStateThatTakesItsProfileParked_GetsTheProfilesRenderedJson_AndNoObjects()
    {
        var id = fixture.NextProfileId();
        var grain = fixture.Grains.GetProfileGrain(id);
        var read = await grain.GetAsync();
        var enrichedAt = fixture.Clock.GetUtcNow();
        await grain.ApplyEnrichmentAsync(read.Profile! with { EnrichedAt = enrichedAt, Contact = new ContactData { Email = "a@example.com" } });
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle(Cancel);

        var parkable = new ParkableState();
        var row = await Silo.GetRequiredService<IProfileStateReader>().ReadAsync(GrainIdOf(id), parkable);
        var orleans = await ReadWithOrleansAsync(id);

        var parked = Assert.IsType<ParkedProfile>(parkable.Parked);
        Assert.Null(parkable.State.Profile);
        Assert.Equal(orleans.ETag, parkable.ETag);
        Assert.True(parkable.RecordExists);
        var profile = orleans.State!.Profile!;
        orleans.State.Profile = null;
        Assert.Equal(JsonSerializer.Serialize(orleans.State), JsonSerializer.Serialize(parkable.State));
        var rendered = ProfileJson.Render(profile, out var contactOffset);
        Assert.Equal(Encoding.UTF8.GetString(rendered), Encoding.UTF8.GetString(PackedProfileJson.ToArray(parked.PackedJson)));
        Assert.Equal(contactOffset, PackedProfileJson.ContactOffset(parked.PackedJson));
        Assert.True(parked.HasContact);
        Assert.Equal(profile.EnrichedAt, parked.EnrichedAt);
        Assert.Equal(
            Juicebox.Grains.LocalQueries.ProfileIndexEntry.VersionOf(profile, orleans.State.FetchedAt!.Value),
            Juicebox.Grains.LocalQueries.ProfileIndexEntry.VersionOf(parked.EnrichedAt, parked.HasContact, parkable.State.FetchedAt!.Value));
        Assert.True(row.Version!.Value.Covers(profile, orleans.State.FetchedAt!.Value));
    }

    [Fact]
    public async Task AGrainActivatedFromItsRow_ServesItsJsonParked_AndDecodesTheSameProfile()
    {
        var id = fixture.NextProfileId();
        var grain = fixture.Grains.GetProfileGrain(id);
        var read = await grain.GetAsync();
        var enriched = read.Profile! with { EnrichedAt = fixture.Clock.GetUtcNow(), Contact = new ContactData { Phone = "+1 555 0100" } };
        await grain.ApplyEnrichmentAsync(enriched);
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle(Cancel);

        // Across the silo boundary a read carries the expanded JSON; its first read after activation renders nothing.
        var json = await grain.ReadJsonAsync(correlationId: null);
        var objects = await grain.GetAsync();

        Assert.Equal(ProfileSource.Storage, json.Source);
        Assert.Equal(Encoding.UTF8.GetString(ProfileJson.Render(enriched)), Encoding.UTF8.GetString(json.ProfileJson!));
        Assert.Equal(JsonSerializer.Serialize(enriched), JsonSerializer.Serialize(objects.Profile));
        Assert.Equal(json.ContentHash, objects.ContentHash);
    }

    [Fact]
    public async Task ManyProfilesReadAtOnce_EachGetsItsOwnRow_OnCommandsUsedAgain()
    {
        var ids = Enumerable.Range(0, 12).Select(_ => fixture.NextProfileId()).ToList();
        foreach (var id in ids)
        {
            await fixture.Grains.GetProfileGrain(id).GetAsync();
        }

        var expected = new Dictionary<string, GrainState<ProfileState>>();
        foreach (var id in ids)
        {
            expected[id] = await ReadWithOrleansAsync(id);
        }

        var unknown = "never-stored-" + Guid.NewGuid().ToString("N")[..12];
        for (var round = 0; round < 4; round++)
        {
            var reads = await Task.WhenAll(ids.Append(unknown).Select(async id => (Id: id, Read: await ReadWithOursAsync(id))));
            foreach (var (id, (state, _)) in reads)
            {
                if (id == unknown)
                {
                    Assert.False(state.RecordExists);
                    Assert.Null(state.State!.Profile);
                    continue;
                }

                Assert.Equal(id, state.State!.Profile!.Id);
                Assert.Equal(expected[id].ETag, state.ETag);
                Assert.Equal(JsonSerializer.Serialize(expected[id].State), JsonSerializer.Serialize(state.State));
            }
        }
    }

    [Fact]
    public async Task AStatementsCommand_IsUsedAgainWithTheNextRowsValues_UnlessItFailed()
    {
        var statements = new ProfileStateStatements(fixture.Database, "SELECT $5::text, $6::text, $1::int + $2::int, $3::text || $4::text");

        var first = statements.Rent(1, 2, "service", "profile", "key-a", "id-a");
        Assert.Equal(("key-a", "id-a", 3, "serviceprofile"), await RunAsync(first));
        statements.Return(first);
        Assert.Equal(1, statements.Held);

        var again = statements.Rent(10, 20, "s", "p", "key-b", "id-b");
        Assert.Same(first, again);
        Assert.Equal(0, statements.Held);
        Assert.Equal(("key-b", "id-b", 30, "sp"), await RunAsync(again));
        statements.Drop(again);

        var fresh = statements.Rent(1, 1, "s", "p", "key-c", "id-c");
        Assert.NotSame(first, fresh);
        Assert.Equal(("key-c", "id-c", 2, "sp"), await RunAsync(fresh));
        statements.Drop(fresh);

        var many = Enumerable.Range(0, ProfileStateStatements.MaxHeld + 5).Select(_ => statements.Rent(1, 1, "s", "p", "k", "i")).ToList();
        many.ForEach(statements.Return);
        Assert.Equal(ProfileStateStatements.MaxHeld, statements.Held);

        static async Task<(string, string, int, string)> RunAsync(ProfileStateStatements.Statement statement)
        {
            await using var reader = await statement.Command.ExecuteReaderAsync(Cancel);
            Assert.True(await reader.ReadAsync(Cancel));
            return (reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3));
        }
    }

    private async Task<(GrainState<ProfileState> State, ProfileRowAtRead Row)> ReadWithOursAsync(string id)
    {
        var state = new GrainState<ProfileState>();
        var row = await Silo.GetRequiredService<IProfileStateReader>().ReadAsync(GrainIdOf(id), state);
        return (state, row);
    }

    private async Task<GrainState<ProfileState>> ReadWithOrleansAsync(string id)
    {
        var state = new GrainState<ProfileState>();
        await Silo.GetRequiredKeyedService<IGrainStorage>(StorageNames.Profiles).ReadStateAsync(ProfileGrain.StateName, GrainIdOf(id), state);
        return state;
    }

    private async Task<Juicebox.Grains.LocalQueries.ProfileRowVersion?> ReadRowVersionAsync(string id)
    {
        var versions = await fixture.Index.GetVersionsAsync([id], Cancel);
        return versions.TryGetValue(id, out var version) ? version : null;
    }

    private static GrainId GrainIdOf(string id) => GrainId.Create(ProfileKey.GrainTypeName, ProfileKey.ForId(id));

    private sealed class ParkableState : IParkableProfileState
    {
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public ProfileState State { get; set; } = new();

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }

        public ParkedProfile? Parked { get; private set; }

        public void Park(ParkedProfile profile) => Parked = profile;
    }
}
