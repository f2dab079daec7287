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
}
