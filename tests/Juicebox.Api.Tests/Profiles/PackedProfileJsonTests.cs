using System.Text;
using Juicebox.GrainInterfaces.Profiles;

namespace Juicebox.Api.Tests.Profiles;

/// <summary>
/// The packed form a hot profile's JSON is held in expands to exactly the bytes the renderer wrote,
/// with and without the contact block, whatever the strings hold.
/// </summary>
public sealed class PackedProfileJsonTests
{
    // Every character JSON must escape, the ones the web encoder escapes too, non-ASCII text, a
    // surrogate pair, and text that looks like the packer's fragments.
    private static readonly string[] _awkward =
    [
        "",
        string.Concat(Enumerable.Range(0, 0x20).Select(code => (char)code)),
        "quote \" backslash \\ slash / tab \t newline \n",
        "<script>&'+`</script>",
        "José Müller-Øster, Zürich",
        "北京市 · 東京都 · Москва",
        "emoji \U0001F600 and \u2028 \u2029",
        "\",\"name\":\"",
        "+00:00\",\"enrichedAt\":\"",
        ",\"contact\":{\"email\":\"",
        "https://www.linkedin.com/in/",
    ];

    private static readonly string[] _companies = ["Vector Systems", "Alder Systems", "Nova Analytics", "Redwood Financial", "Silverline Labs"];
    private static readonly string[] _skills = ["Go", "Rust", "Kafka", "Kubernetes", "Hiring", "Mentoring", "C#"];

    [Fact]
    public void ManyVariedProfiles_ExpandToTheRenderedBytes_WithAndWithoutTheirContactBlock()
    {
        var random = new Random(15);
        for (var i = 0; i < 400; i++)
        {
            var profile = RandomProfile(random, i);
            var json = ProfileJson.Render(profile, out var contactOffset);

            var packed = PackedProfileJson.Pack(json, contactOffset);

            Assert.Equal(json, PackedProfileJson.ToArray(packed));
            Assert.Equal(contactOffset, PackedProfileJson.ContactOffset(packed));
            Assert.Equal(json.Length, PackedProfileJson.Length(packed, withContact: true));
            var withheld = contactOffset is { } offset ? ProfileJson.WithoutContact(json, offset) : json;
            Assert.Equal(withheld, Write(packed, withContact: false));
            Assert.Equal(json, Write(packed, withContact: true));
        }
    }

    [Fact]
    public void Render_GivesThePackingOfTheRendering_AgainAndAgainOnTheSameThread()
    {
        // The profiles alternate with and without contact blocks and in size, so each one writes over
        // buffers the one before left longer or shorter.
        var random = new Random(51);
        for (var i = 0; i < 200; i++)
        {
            var profile = RandomProfile(random, i);
            var json = ProfileJson.Render(profile, out var contactOffset);

            var packed = PackedProfileJson.Render(profile);

            Assert.Equal(PackedProfileJson.Pack(json, contactOffset), packed);
            Assert.Equal(json, PackedProfileJson.ToArray(packed));
        }
    }

    [Fact]
    public void AnEnrichedProfile_IsHeldInWellUnderHalfItsBytes()
    {
        var profile = new ProfileData
        {
            Id = "jb_3p6cv04kpvth3",
            Name = "Beatriz Vargas",
            Title = "Senior HR Business Partner",
            Company = "Vector Systems",
            Location = "Cairo, Egypt",
            LinkedinUrl = "https://www.linkedin.com/in/beatriz-vargas-3p6cv04kpvth3",
            Skills = ["Workday", "Sourcing", "Onboarding"],
            Headline = "Connecting great people with great teams",
            Experience =
            [
                new ExperienceData { Company = "Vector Systems", Title = "Senior HR Business Partner", StartDate = "2023-08", Description = "Reduced time to hire from 45 to 28 days" },
                new ExperienceData { Company = "Alder Systems", Title = "Staff HR Business Partner", StartDate = "2019-12", EndDate = "2023-06", Description = "Hired over 80 engineers in a single year" },
            ],
            Education = [new EducationData { School = "University of California, Berkeley", Degree = "Bachelor of Science", Field = "Sociology", StartYear = 2015, EndYear = 2019 }],
            UpdatedAt = new DateTimeOffset(2025, 3, 26, 21, 46, 56, TimeSpan.Zero),
            EnrichedAt = new DateTimeOffset(2026, 12, 5, 16, 42, 34, TimeSpan.Zero).AddTicks(7734439),
            Contact = new ContactData { Email = "beatriz.vargas@vectorsystems.example", PersonalEmail = "beatrizvargas6@inbox.example", Phone = "+1-555-587-1748" },
        };
        var json = ProfileJson.Render(profile, out var contactOffset);

        var packed = PackedProfileJson.Pack(json, contactOffset);

        Assert.Equal(json, PackedProfileJson.ToArray(packed));
        Assert.True(packed.Length * 2 < json.Length, $"packed {packed.Length} B of {json.Length} B of JSON");
    }

    [Fact]
    public void ValuesThatRepeat_AreOneSharedEntry_AndLongOnesAreNotShared()
    {
        var company = Encoding.UTF8.GetBytes($"Shared Company {Guid.NewGuid():N}");

        var first = SharedJsonStrings.IndexOf(company);
        var again = SharedJsonStrings.IndexOf(company.ToArray());

        Assert.True(first >= 0);
        Assert.Equal(first, again);
        Assert.Equal(company, SharedJsonStrings.Get(first));
        Assert.Equal(-1, SharedJsonStrings.IndexOf(new byte[SharedJsonStrings.MaxEntryBytes + 1]));
    }

    [Fact]
    public async Task ValuesLookedUpOnManyThreadsAtOnce_GetOneEntryEach()
    {
        // Lookups take no lock: threads racing to add the same new values must still agree on one index per value.
        var run = Guid.NewGuid().ToString("N");
        var values = Enumerable.Range(0, 500).Select(number => Encoding.UTF8.GetBytes($"Raced Company {run} {number}")).ToArray();
        using var start = new Barrier(4);
        var seen = await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(() =>
        {
            start.SignalAndWait();
            return Enumerable.Range(0, values.Length)
                .Select(offset => (thread + offset * 7) % values.Length)
                .Select(value => (Value: value, Index: SharedJsonStrings.IndexOf(values[value])))
                .ToArray();
        })));

        var indices = seen.SelectMany(thread => thread).GroupBy(pair => pair.Value).ToDictionary(group => group.Key, group => group.Select(pair => pair.Index).Distinct().ToArray());
        Assert.All(indices, pair => Assert.Single(pair.Value));
        Assert.Equal(values.Length, indices.Values.Select(index => index[0]).Distinct().Count());
        Assert.All(indices, pair => Assert.Equal(values[pair.Key], SharedJsonStrings.Get(pair.Value[0])));
    }

    [Fact]
    public void BytesThatAreNotJsonText_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => PackedProfileJson.Pack("{\"id\":\"a\u0001\"}"u8, contactOffset: null));
    }

    private static byte[] Write(byte[] packed, bool withContact)
    {
        var json = new byte[PackedProfileJson.Length(packed, withContact)];
        PackedProfileJson.WriteTo(packed, withContact, json);
        return json;
    }

    private static ProfileData RandomProfile(Random random, int number) => new()
    {
        Id = $"jb_packed{number:D5}",
        Name = Text(random),
        Title = Maybe(random, () => Text(random)),
        Company = Maybe(random, () => Pick(random, _companies)),
        Location = Maybe(random, () => Text(random)),
        LinkedinUrl = Maybe(random, () => "https://www.linkedin.com/in/" + Text(random)),
        Skills = [.. Enumerable.Range(0, random.Next(0, 6)).Select(_ => random.Next(3) == 0 ? Text(random) : Pick(random, _skills))],
        Headline = Maybe(random, () => Text(random)),
        Experience =
        [
            .. Enumerable.Range(0, random.Next(0, 4)).Select(_ => new ExperienceData
            {
                Company = random.Next(2) == 0 ? Pick(random, _companies) : Text(random),
                Title = Text(random),
                StartDate = random.Next(4) == 0 ? Text(random) : $"20{random.Next(10, 25)}-0{random.Next(1, 10)}",
                EndDate = Maybe(random, () => $"20{random.Next(10, 25)}-1{random.Next(0, 3)}"),
                Description = Maybe(random, () => Text(random)),
            }),
        ],
        Education =
        [
            .. Enumerable.Range(0, random.Next(0, 3)).Select(_ => new EducationData
            {
                School = Text(random),
                Degree = Maybe(random, () => Text(random)),
                Field = Maybe(random, () => Text(random)),
                StartYear = random.Next(3) == 0 ? null : random.Next(1990, 2025),
                EndYear = random.Next(3) == 0 ? null : random.Next(1990, 2030),
            }),
        ],
        UpdatedAt = random.Next(4) == 0 ? null : new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(random.Next(-1, 2))).AddTicks(random.NextInt64(0, TimeSpan.TicksPerDay * 300)),
        EnrichedAt = random.Next(3) == 0 ? null : DateTimeOffset.UnixEpoch.AddTicks(random.NextInt64(0, TimeSpan.TicksPerDay * 20_000)),
        Contact = random.Next(3) == 0
            ? null
            : new ContactData { Email = Maybe(random, () => Text(random)), PersonalEmail = Maybe(random, () => Text(random)), Phone = Maybe(random, () => "+1 " + Text(random)) },
    };

    private static string? Maybe(Random random, Func<string> value) => random.Next(4) == 0 ? null : value();

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Text(Random random) => random.Next(3) switch
    {
        0 => Pick(random, _awkward),
        1 => Pick(random, _awkward) + " " + Pick(random, _companies) + " " + Pick(random, _awkward),
        _ => new string([.. Enumerable.Range(0, random.Next(0, 30)).Select(_ => (char)random.Next(0x20, 0x3000))]),
    };
}
