using System.Text;
using System.Text.Json.Nodes;
using Juicebox.Cluster.Tests.LocalQueries;
using Juicebox.Grains.Persistence;
using Juicebox.Grains.Profiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace Juicebox.Cluster.Tests.Persistence;

/// <summary>
/// <see cref="StoredProfileJson"/> against the silo's own storage serializer: every profile state it takes apart
/// yields exactly the bytes the API's serializer renders from the objects, and what it does not expect it leaves
/// to the serializer.
/// </summary>
[Collection(LocalQueriesClusterCollection.Name)]
public sealed class StoredProfileJsonTests(LocalQueriesClusterFixture fixture)
{
    private static readonly string[] Texts =
    [
        "Andrea Weber", "Zoë Ørsted-Łukasiewicz", "李雷", "Ana 🚀 Lima", "O'Brien & Sons <b>", "He said \"hi\"\\ then\n\tleft",
        "100% + more", "Ünïcödé Straße", "", " padded ", "\u0001 control", "São Paulo, Brasil",
    ];

    private readonly SystemTextJsonGrainStorageSerializer _serializer = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<SystemTextJsonGrainStorageSerializer>();

    private readonly StoredProfileJson _reader = StoredProfileJson.Create(
        fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IOptions<SystemTextJsonGrainStorageSerializerOptions>>().Value.JsonSerializerOptions)
        ?? throw new InvalidOperationException("The silo's storage options give no reader: every state would be deserialized.");

    [Fact]
    public void EveryGeneratedProfile_IsRewrittenToExactlyTheJsonTheApiRendersFromItsObjects()
    {
        var random = new Random(20261206);
        for (var index = 0; index < 400; index++)
        {
            var profile = Generate(random, index);
            var stored = new ProfileState
            {
                Profile = profile,
                FetchedAt = Instant(random),
                ContentHash = random.Next(3) == 0 ? null : $"hash-{index}",
                EnrichedAt = random.Next(2) == 0 ? null : Instant(random),
                RefreshRequested = random.Next(4) == 0,
            };
            var payload = _serializer.Serialize(stored).ToArray();

            Assert.True(_reader.TryRead(payload, out var state, out var parked), $"profile {index}: {Encoding.UTF8.GetString(payload)}");
            var rendered = ProfileJson.Render(profile, out var contactOffset);
            Assert.Equal(Encoding.UTF8.GetString(rendered), Encoding.UTF8.GetString(PackedProfileJson.ToArray(parked.PackedJson)));
            Assert.Equal(contactOffset, PackedProfileJson.ContactOffset(parked.PackedJson));
            Assert.Equal(profile.Contact is not null, parked.HasContact);
            Assert.Equal(profile.EnrichedAt, parked.EnrichedAt);
            Assert.Null(state.Profile);
            Assert.Equal(stored.FetchedAt, state.FetchedAt);
            Assert.Equal(stored.ContentHash, state.ContentHash);
            Assert.Equal(stored.EnrichedAt, state.EnrichedAt);
            Assert.Equal(stored.RefreshRequested, state.RefreshRequested);
            Assert.False(state.SummaryOnly);
        }
    }

    public static TheoryData<string> UnexpectedStates() =>
    [
        "summary-only",
        "no profile",
        "an unknown state member",
        "an unknown profile member",
        "a profile without its skills",
        "a number where text belongs",
        "not an object",
    ];

    [Theory]
    [MemberData(nameof(UnexpectedStates))]
    public void AStateItDoesNotExpect_IsLeftToTheSerializer(string what)
    {
        var profile = Generate(new Random(7), 1);
        var state = new ProfileState { Profile = profile, FetchedAt = DateTimeOffset.UnixEpoch, SummaryOnly = what == "summary-only" };
        if (what == "no profile")
        {
            state.Profile = null;
        }

        var json = JsonNode.Parse(_serializer.Serialize(state).ToString())!.AsObject();
        var stored = json["Profile"] as JsonObject;
        switch (what)
        {
            case "an unknown state member":
                json["AddedLater"] = 1;
                break;
            case "an unknown profile member":
                stored!["AddedLater"] = "x";
                break;
            case "a profile without its skills":
                stored!.Remove("Skills");
                break;
            case "a number where text belongs":
                stored!["Name"] = 42;
                break;
        }

        var payload = Encoding.UTF8.GetBytes(what == "not an object" ? "[1, 2]" : json.ToJsonString());

        Assert.False(_reader.TryRead(payload, out var read, out var parked));
        Assert.Null(read);
        Assert.Null(parked);
    }

    private static ProfileData Generate(Random random, int index) => new()
    {
        Id = $"jb_gen{index:D6}",
        Name = Pick(random),
        Title = Maybe(random),
        Company = Maybe(random),
        Location = Maybe(random),
        LinkedinUrl = random.Next(3) == 0 ? null : $"https://www.linkedin.com/in/gen-{index}",
        Skills = [.. Enumerable.Range(0, random.Next(5)).Select(_ => Pick(random))],
        Headline = Maybe(random),
        Experience =
        [
            .. Enumerable.Range(0, random.Next(4)).Select(_ => new ExperienceData
            {
                Company = Pick(random),
                Title = Pick(random),
                StartDate = $"20{random.Next(10, 25)}-0{random.Next(1, 10)}",
                EndDate = random.Next(2) == 0 ? null : "2024-12",
                Description = Maybe(random),
            }),
        ],
        Education =
        [
            .. Enumerable.Range(0, random.Next(3)).Select(_ => new EducationData
            {
                School = Pick(random),
                Degree = Maybe(random),
                Field = Maybe(random),
                StartYear = random.Next(2) == 0 ? null : random.Next(1980, 2020),
                EndYear = random.Next(2) == 0 ? null : random.Next(1984, 2024),
            }),
        ],
        UpdatedAt = random.Next(3) == 0 ? null : Instant(random),
        Contact = random.Next(4) switch
        {
            0 => null,
            1 => new ContactData(),
            _ => new ContactData { Email = Maybe(random), PersonalEmail = Maybe(random), Phone = random.Next(2) == 0 ? null : "+1 (555) 010-0000" },
        },
        EnrichedAt = random.Next(2) == 0 ? null : Instant(random),
    };

    private static string Pick(Random random) => Texts[random.Next(Texts.Length)];

    private static string? Maybe(Random random) => random.Next(3) == 0 ? null : Pick(random);

    // Offsets east and west of UTC, and fractions of a second, as stored times carry them.
    private static DateTimeOffset Instant(Random random) =>
        new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(30 * random.Next(-16, 17)))
            .AddTicks(random.NextInt64(TimeSpan.TicksPerDay * 2000));
}
