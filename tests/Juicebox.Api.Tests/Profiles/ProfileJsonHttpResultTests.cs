using Juicebox.ClientApi.Apis;
using Juicebox.GrainInterfaces.Profiles;
using Microsoft.AspNetCore.Http;

namespace Juicebox.Api.Tests.Profiles;

/// <summary>
/// The read's body is the same bytes and headers whether the grain handed over its packed copy (in
/// process) or the JSON came from a silo over the wire, with the contact block or without it.
/// </summary>
public sealed class ProfileJsonHttpResultTests
{
    private static readonly ProfileData _enriched = new()
    {
        Id = "jb_httpresult01",
        Name = "Zoë O'Brien <zoe>",
        Title = "Staff Engineer",
        Company = "Nova Analytics",
        Skills = ["Rust", "Go"],
        Experience = [new ExperienceData { Company = "Nova Analytics", Title = "Staff Engineer", StartDate = "2021-04" }],
        Education = [],
        EnrichedAt = DateTimeOffset.UnixEpoch,
        Contact = new ContactData { Email = "zoe@example.test", Phone = "+44 20 7946 0000" },
    };

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public async Task PackedAndWireJson_WriteTheRenderedBody(bool enriched, bool withContact)
    {
        var profile = enriched ? _enriched : _enriched with { Contact = null, EnrichedAt = null };
        var json = ProfileJson.Render(profile, out var contactOffset);
        var expected = !withContact && contactOffset is { } offset ? ProfileJson.WithoutContact(json, offset) : json;
        var fromWire = new ProfileRead { Outcome = ProfileReadOutcome.Found, ProfileJson = json, ContactOffset = contactOffset };
        var inProcess = new ProfileRead { Outcome = ProfileReadOutcome.Found, PackedJson = PackedProfileJson.Pack(json, contactOffset), ContactOffset = contactOffset };

        foreach (var read in new[] { fromWire, inProcess })
        {
            var (body, headers) = await ExecuteAsync(ProfileJsonHttpResult.Of(read, withContact));

            Assert.Equal(expected, body);
            Assert.Equal(expected.Length, headers.ContentLength);
            Assert.Equal("application/json; charset=utf-8", headers.ContentType);
        }
    }

    [Fact]
    public void APackedRead_LeavingTheProcess_CarriesTheExpandedJson()
    {
        var json = ProfileJson.Render(_enriched, out var contactOffset);

        var read = new ProfileRead { Outcome = ProfileReadOutcome.Found, PackedJson = PackedProfileJson.Pack(json, contactOffset), ContactOffset = contactOffset };

        Assert.Equal(json, read.ProfileJson);
    }

    private static async Task<(byte[] Body, IHeaderDictionary Headers)> ExecuteAsync(IResult result)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return (body.ToArray(), context.Response.Headers);
    }
}
