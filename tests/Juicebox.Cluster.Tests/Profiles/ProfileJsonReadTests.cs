using System.Text.Json;
using Orleans.Core.Internal;

namespace Juicebox.Cluster.Tests.Profiles;

/// <summary>The HTTP read's form of a profile: the grain's pre-rendered JSON, rendered again when the held copy changes.</summary>
[Collection(ProfileClusterCollection.Name)]
public sealed class ProfileJsonReadTests(ProfileClusterFixture fixture)
{
    [Fact]
    public async Task JsonRead_CarriesTheProfileAsTheApiRendersIt_AndNotTheObject()
    {
        var grain = fixture.Grains.GetProfileGrain(fixture.NextProfileId());
        var held = (await grain.GetAsync()).Profile!;

        var read = await grain.GetJsonAsync();

        Assert.Equal(ProfileReadOutcome.Found, read.Outcome);
        Assert.Null(read.Profile);
        Assert.Equal(JsonSerializer.Serialize(held, ProfileJson.Options), System.Text.Encoding.UTF8.GetString(read.ProfileJson!));
        Assert.Equal((CacheStatus.Hit, ProfileSource.Memory), (read.Cache, read.Source));
    }

    [Fact]
    public async Task JsonRead_AfterAnEnrichment_RendersTheNewCopy()
    {
        var grain = fixture.Grains.GetProfileGrain(fixture.NextProfileId());
        var before = await grain.GetJsonAsync();
        var held = (await grain.GetAsync()).Profile!;

        await grain.ApplyEnrichmentAsync(held with { Title = "Rendered again", Contact = new ContactData { Email = "someone@example.test" } });
        var after = await grain.GetJsonAsync();

        var rendered = JsonDocument.Parse(after.ProfileJson!).RootElement;
        Assert.Equal("Rendered again", rendered.GetProperty("title").GetString());
        Assert.Equal("someone@example.test", rendered.GetProperty("contact").GetProperty("email").GetString());
        Assert.NotEqual(before.ContentHash, after.ContentHash);
    }

    [Fact]
    public async Task AProfileHeldAsItsJsonOnly_ReadsWhole_AndIsStoredWhole_ByTheNextWrite()
    {
        var grain = fixture.Grains.GetProfileGrain(fixture.NextProfileId());
        var fetched = (await grain.GetAsync()).Profile!;
        await grain.ApplyEnrichmentAsync(fetched with
        {
            Contact = new ContactData { Email = "parked@example.test", Phone = "+1 555 0100" },
            EnrichedAt = DateTimeOffset.UtcNow,
        });

        // A JSON read keeps only the JSON; the next object read and the next write decode it again.
        var json = await grain.GetJsonAsync();
        var decoded = (await grain.GetAsync()).Profile!;
        await grain.GetJsonAsync();
        var marked = await grain.MarkForRefreshAsync();
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle(TestContext.Current.CancellationToken);
        var reactivated = await grain.GetAsync();

        var rendered = System.Text.Encoding.UTF8.GetString(json.ProfileJson!);
        Assert.Equal(rendered, JsonSerializer.Serialize(decoded, ProfileJson.Options));
        Assert.True(marked);
        Assert.Equal(ProfileSource.Storage, reactivated.Source);
        Assert.Equal(rendered, JsonSerializer.Serialize(reactivated.Profile, ProfileJson.Options));
        Assert.Equal("parked@example.test", reactivated.Profile!.Contact!.Email);
        Assert.Equal(json.ContentHash, reactivated.ContentHash);
    }

    [Fact]
    public async Task JsonReadWithTheCorrelationIdAsArgument_AnswersAsTheJsonRead_AndAnInvalidIdFailsNothing()
    {
        var grain = fixture.Grains.GetProfileGrain(fixture.NextProfileId());

        // A miss (it goes upstream, the id would be its request context) with an id the grain must not take.
        var miss = await grain.ReadJsonAsync("not a correlation id\n");
        var hit = await grain.ReadJsonAsync("json-read-correlation");
        var json = await grain.GetJsonAsync();

        Assert.Equal((ProfileReadOutcome.Found, CacheStatus.Miss, ProfileSource.Upstream), (miss.Outcome, miss.Cache, miss.Source));
        Assert.Equal((ProfileReadOutcome.Found, CacheStatus.Hit, ProfileSource.Memory), (hit.Outcome, hit.Cache, hit.Source));
        Assert.Equal(json.ProfileJson, hit.ProfileJson);
        Assert.Equal(json.ContentHash, hit.ContentHash);
    }

    [Fact]
    public async Task JsonRead_OfAnUnknownProfile_IsNotFound_WithoutJson()
    {
        var read = await fixture.Grains.GetProfileGrain("jb_no_such_profile_json").GetJsonAsync();

        Assert.Equal(ProfileReadOutcome.NotFound, read.Outcome);
        Assert.Null(read.ProfileJson);
    }
}
