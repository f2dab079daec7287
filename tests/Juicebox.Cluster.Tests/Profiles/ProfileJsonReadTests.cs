using System.Text.Json;

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
    public async Task JsonRead_OfAnUnknownProfile_IsNotFound_WithoutJson()
    {
        var read = await fixture.Grains.GetProfileGrain("jb_no_such_profile_json").GetJsonAsync();

        Assert.Equal(ProfileReadOutcome.NotFound, read.Outcome);
        Assert.Null(read.ProfileJson);
    }
}
