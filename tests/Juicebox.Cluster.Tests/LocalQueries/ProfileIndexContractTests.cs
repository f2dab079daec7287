using Juicebox.GrainInterfaces.LocalQueries;
using Juicebox.Grains.LocalQueries;

namespace Juicebox.Cluster.Tests.LocalQueries;

/// <summary>
/// What every <see cref="IProfileIndex"/> must do, run once per implementation: queries over
/// <see cref="ProfileIndexHarness.CorpusSize"/> generated profiles with every filter, keyset pages, the
/// cursor's checks, and writes that never move a row backwards.
/// </summary>
public abstract class ProfileIndexContractTests<THarness>(THarness harness) : IClassFixture<THarness>
    where THarness : ProfileIndexHarness
{
    private const int MaxPages = 10_000;

    private static readonly Dictionary<string, ProfileQuery> _queries = new()
    {
        ["everything"] = new ProfileQuery(),
        ["company contains, any case"] = new ProfileQuery { Company = "acme" },
        ["company with accents, upper case"] = new ProfileQuery { Company = "MÜLLER" },
        ["company with LIKE's percent sign"] = new ProfileQuery { Company = "100%" },
        ["company with LIKE's underscore"] = new ProfileQuery { Company = "_" },
        ["location, trimmed"] = new ProfileQuery { Location = "  berlin " },
        ["location with accents"] = new ProfileQuery { Location = "SÃO" },
        ["title contains"] = new ProfileQuery { Title = "engineer" },
        ["one skill, any case"] = new ProfileQuery { Skills = ["PYTHON"] },
        ["a skill matches whole skills only"] = new ProfileQuery { Skills = ["go"] },
        ["every skill is required"] = new ProfileQuery { Skills = ["python", "Sql"] },
        ["blank filters are ignored"] = new ProfileQuery { Company = " ", Title = "", Skills = [" "] },
        ["enriched"] = new ProfileQuery { Enriched = true },
        ["never enriched"] = new ProfileQuery { Enriched = false },
        ["updated since"] = new ProfileQuery { UpdatedSince = ProfileCorpus.FirstUpdate.AddDays(200).AddTicks(5) },
        ["updated since, in another offset"] = new ProfileQuery
        {
            UpdatedSince = ProfileCorpus.FirstUpdate.AddDays(300).ToOffset(TimeSpan.FromHours(-7)),
        },
        ["every filter at once"] = new ProfileQuery
        {
            Company = "e",
            Location = "o",
            Title = "er",
            Skills = ["sql"],
            Enriched = false,
            UpdatedSince = ProfileCorpus.FirstUpdate.AddDays(30),
        },
        ["skill and enriched"] = new ProfileQuery { Skills = ["kubernetes"], Enriched = true },
        ["company and location"] = new ProfileQuery { Company = "labs", Location = "new york" },
        ["nothing matches"] = new ProfileQuery { Company = "zzz-nobody" },
    };

    public static TheoryData<string> QueryNames => [.. _queries.Keys];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected THarness Harness => harness;

    private IProfileIndex Seeded => harness.Seeded;

    [Theory]
    [MemberData(nameof(QueryNames))]
    public async Task Query_ListsExactlyTheMatchingProfiles_InIdOrder_AcrossItsPages(string name)
    {
        var query = _queries[name] with { Limit = 97 };
        var expected = harness.Corpus.Expected(query);

        var listed = await ReadAllAsync(Seeded, query);

        switch (name)
        {
            case "everything" or "blank filters are ignored":
                Assert.Equal(ProfileIndexHarness.CorpusSize, expected.Count);
                break;
            case "nothing matches":
                Assert.Empty(expected);
                break;
            default:
                // A filter that matched everything or nothing would prove little.
                Assert.InRange(expected.Count, 1, ProfileIndexHarness.CorpusSize - 1);
                break;
        }

        Assert.Equal(expected, listed);
    }

    [Fact]
    public async Task Listings_CarryTheSummaryAndTheDates_ToTheMicrosecond()
    {
        var page = await Seeded.QueryAsync(new ProfileQuery { Limit = ProfileQueryRules.MaxLimit }, Cancel);

        Assert.Equal(ProfileQueryRules.MaxLimit, page.Items.Count);
        var byId = harness.Corpus.Profiles.ToDictionary(profile => profile.Id, StringComparer.Ordinal);
        foreach (var listing in page.Items)
        {
            var profile = byId[listing.Id];
            Assert.Equal(
                (profile.Name, profile.Title, profile.Company, profile.Location, profile.LinkedinUrl),
                (listing.Name, listing.Title, listing.Company, listing.Location, listing.LinkedinUrl));
            Assert.Equal(profile.Skills, listing.Skills);
            Assert.Equal(Micro(profile.UpdatedAt), listing.UpdatedAt);
            Assert.Equal(Micro(profile.EnrichedAt), listing.EnrichedAt);
            Assert.All(new[] { listing.UpdatedAt, listing.EnrichedAt }, at => Assert.True(at is null || at.Value.Offset == TimeSpan.Zero));
        }

        Assert.Contains(page.Items, listing => listing.EnrichedAt is not null);
        Assert.Contains(page.Items, listing => listing.UpdatedAt is { } at && at.UtcTicks % 10 == 0 && at.UtcTicks % 10_000_000 != 0);
    }

    [Fact]
    public async Task Pages_NeitherRepeatNorSkipProfiles_WhileProfilesAreRewrittenBetweenThem()
    {
        var index = await harness.CreateEmptyAsync();
        var profiles = harness.Corpus.Profiles.Take(600).ToList();
        await ProfileIndexHarness.SeedAsync(index, profiles);
        var query = new ProfileQuery { Company = "e", Limit = 37 };
        var expected = ProfileCorpus.Expected(profiles, query);
        var random = new Random(7);
        var round = 0;

        var listed = await ReadAllAsync(index, query, async () =>
        {
            round++;
            foreach (var profile in profiles.OrderBy(_ => random.Next()).Take(25))
            {
                // A newer copy that still matches, and a stale one that would not: only the newer lands.
                Assert.True(await index.UpsertAsync(profile with { Title = $"Rewritten {round}" }, ProfileCorpus.StoredAt.AddMinutes(round), Cancel));
                Assert.False(await index.UpsertAsync(profile with { Company = "zzz" }, ProfileCorpus.StoredAt, Cancel));
            }
        });

        Assert.True(round > 5, $"Only {round} page boundaries were crossed.");
        Assert.Equal(expected, listed);
    }

    [Fact]
    public async Task Retention_FindsProfilesUnusedSinceACutoff_CountingReads_AndContactsEnrichedBeforeOne()
    {
        var index = await harness.CreateEmptyAsync();
        var t0 = ProfileCorpus.StoredAt;
        var profiles = harness.Corpus.Profiles.Take(4).Select(profile => profile with { Contact = null, EnrichedAt = null }).ToList();
        var (read, unused, enriched, fresh) = (profiles[0], profiles[1], profiles[2], profiles[3]);
        await index.UpsertAsync(read, t0, Cancel);
        await index.UpsertAsync(unused, t0, Cancel);
        await index.UpsertAsync(enriched with { Contact = new ContactData { Email = "a@example.com" }, EnrichedAt = t0 }, t0, Cancel);
        await index.UpsertAsync(fresh, t0.AddDays(50), Cancel);
        await index.TouchAsync(read.Id, t0.AddDays(60), Cancel);
        await index.TouchAsync(read.Id, t0.AddDays(10), Cancel);
        await index.TouchAsync("not-stored", t0.AddDays(60), Cancel);

        var unusedIds = await index.FindUnusedAsync(t0.AddDays(40), afterId: null, limit: 10, Cancel);
        var contacts = await index.FindEnrichedBeforeAsync(t0.AddDays(1), afterId: null, limit: 10, Cancel);

        Assert.Equal(new[] { unused.Id, enriched.Id }.Order(StringComparer.Ordinal), unusedIds);
        Assert.Equal([enriched.Id], contacts);
        var firstPage = await index.FindUnusedAsync(t0.AddDays(40), afterId: null, limit: 1, Cancel);
        Assert.Equal(unusedIds.Skip(1), await index.FindUnusedAsync(t0.AddDays(40), firstPage[0], limit: 10, Cancel));

        // The later read counts (a touch never moves back), and only until it is itself old.
        Assert.DoesNotContain(read.Id, await index.FindUnusedAsync(t0.AddDays(55), afterId: null, limit: 10, Cancel));
        Assert.Contains(read.Id, await index.FindUnusedAsync(t0.AddDays(61), afterId: null, limit: 10, Cancel));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(ProfileQueryRules.MaxLimit)]
    public async Task Limit_SizesEveryPage_AndTheLastPageHasNoCursor(int limit)
    {
        var index = await harness.CreateEmptyAsync();
        await ProfileIndexHarness.SeedAsync(index, harness.Corpus.Profiles.Take(6));
        var pages = new List<ProfileQueryPage>();
        string? cursor = null;
        do
        {
            var page = await index.QueryAsync(new ProfileQuery { Limit = limit, Cursor = cursor }, Cancel);
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < MaxPages);

        // Six profiles: a limit that divides six ends exactly on a full page, with no empty page after it.
        Assert.Equal((6 + limit - 1) / limit, pages.Count);
        Assert.All(pages[..^1], page => Assert.Equal(limit, page.Items.Count));
        Assert.Equal(6 - (limit * (pages.Count - 1)), pages[^1].Items.Count);
        Assert.Null(pages[^1].NextCursor);
    }

    [Theory]
    [InlineData(0, null, 0)]
    [InlineData(ProfileQueryRules.MaxLimit + 1, null, 0)]
    [InlineData(-5, null, 0)]
    [InlineData(10, ProfileQueryRules.MaxFilterLength + 1, 0)]
    [InlineData(10, null, ProfileQueryRules.MaxSkills + 1)]
    public async Task InvalidQueries_AreRejected(int limit, int? companyLength, int skillCount)
    {
        var query = new ProfileQuery
        {
            Limit = limit,
            Company = companyLength is { } length ? new string('c', length) : null,
            Skills = [.. Enumerable.Range(0, skillCount).Select(i => $"skill{i}")],
        };

        await Assert.ThrowsAsync<ArgumentException>(() => Seeded.QueryAsync(query, Cancel));
    }

    [Fact]
    public async Task Cursor_ThatWasAlteredOrBelongsToOtherFilters_IsRejected()
    {
        var query = new ProfileQuery { Company = "a", Limit = 10 };
        var cursor = (await Seeded.QueryAsync(query, Cancel)).NextCursor!;
        var otherCursor = (await Seeded.QueryAsync(new ProfileQuery { Company = "b", Limit = 10 }, Cancel)).NextCursor!;
        var middle = cursor.Length / 2;
        string[] tampered =
        [
            cursor[..middle] + (cursor[middle] == 'A' ? 'B' : 'A') + cursor[(middle + 1)..],
            cursor[..^1],
            cursor + "A",
            cursor[..12],
            "not a cursor",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            new string('A', ProfileQueryCursor.MaxLength + 4),
        ];

        foreach (var bad in tampered)
        {
            await Assert.ThrowsAsync<ArgumentException>(() => Seeded.QueryAsync(query with { Cursor = bad }, Cancel));
        }

        await Assert.ThrowsAsync<ArgumentException>(() => Seeded.QueryAsync(query with { Cursor = otherCursor }, Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => Seeded.QueryAsync(query with { Cursor = cursor, Enriched = true }, Cancel));
        await Assert.ThrowsAsync<ArgumentException>(() => Seeded.QueryAsync(query with { Cursor = cursor, Skills = ["go"] }, Cancel));
    }

    [Fact]
    public async Task Cursor_OfTheSameFilters_WorksWithAnotherLimitAndSpelling()
    {
        var query = new ProfileQuery { Company = "a", Skills = ["Go", "sql"], Limit = 10 };
        var first = await Seeded.QueryAsync(query, Cancel);

        var next = await Seeded.QueryAsync(
            new ProfileQuery { Company = "  A ", Skills = ["SQL", "go", "Go"], Limit = 5, Cursor = first.NextCursor },
            Cancel);

        var expected = harness.Corpus.Expected(query);
        Assert.Equal(expected.Take(10), first.Items.Select(item => item.Id));
        Assert.Equal(expected.Skip(10).Take(5), next.Items.Select(item => item.Id));
    }

    [Fact]
    public async Task Versions_AreThoseOfTheRowsHeld_AndCoverExactlyWhatAWriteWouldNotChange()
    {
        var index = await harness.CreateEmptyAsync();
        var t0 = ProfileCorpus.StoredAt.AddTicks(7);
        var plain = harness.Corpus.Profiles[0] with { Contact = null, EnrichedAt = null };
        var enriched = harness.Corpus.Profiles[1] with { Contact = new ContactData { Email = "v@example.com" }, EnrichedAt = t0 };
        await index.UpsertAsync(plain, t0, Cancel);
        await index.UpsertAsync(enriched, t0, Cancel);

        var versions = await index.GetVersionsAsync([plain.Id, enriched.Id, "not-stored"], Cancel);

        Assert.Equal(2, versions.Count);
        Assert.False(versions.ContainsKey("not-stored"));
        Assert.True(versions[plain.Id].Covers(plain, t0));
        Assert.True(versions[enriched.Id].Covers(enriched, t0));
        Assert.False(versions[plain.Id].Covers(plain, t0.AddSeconds(1)), "a newer version");
        Assert.False(versions[enriched.Id].Covers(enriched with { Contact = null, EnrichedAt = null }, t0), "the same version without its enrichment");
        Assert.True(versions[plain.Id].Covers(plain, t0.AddSeconds(-1)), "an older version");
        Assert.Empty(await index.GetVersionsAsync([], Cancel));
    }

    [Fact]
    public async Task Upsert_NeverMovesACopyBackwards_AndWritesTheSameVersionOnce()
    {
        var index = await harness.CreateEmptyAsync();
        var original = harness.Corpus.Profiles[0];
        var t1 = ProfileCorpus.StoredAt;
        var t2 = t1.AddSeconds(1);

        var results = new List<bool>
        {
            await index.UpsertAsync(original with { Title = "Second" }, t2, Cancel),
            await index.UpsertAsync(original with { Title = "First" }, t1, Cancel),
            await index.UpsertAsync(original with { Title = "Second" }, t2, Cancel),
        };
        var afterStale = await SingleAsync(index, original.Id);
        results.Add(await index.UpsertAsync(original with { Title = "Second, corrected" }, t2, Cancel));
        var afterCorrection = await SingleAsync(index, original.Id);
        results.Add(await index.UpsertAsync(original with { Title = "Third" }, t2.AddTicks(10), Cancel));

        Assert.Equal([true, false, false, true, true], results);
        Assert.Equal("Second", afterStale.Title);
        Assert.Equal("Second, corrected", afterCorrection.Title);
        Assert.Equal("Third", (await SingleAsync(index, original.Id)).Title);
    }

    [Fact]
    public async Task Upsert_OfAProfileWhoseFiltersChanged_MovesItBetweenQueries()
    {
        var index = await harness.CreateEmptyAsync();
        var profile = harness.Corpus.Profiles[1] with { Company = "Old Co", Skills = ["Rust"], Contact = null, EnrichedAt = null };
        await index.UpsertAsync(profile, ProfileCorpus.StoredAt, Cancel);

        await index.UpsertAsync(
            profile with { Company = "New Co", Skills = ["Zig"], Contact = new ContactData { Email = "x@example.com" }, EnrichedAt = ProfileCorpus.StoredAt },
            ProfileCorpus.StoredAt.AddMinutes(1),
            Cancel);

        Assert.Empty((await index.QueryAsync(new ProfileQuery { Company = "old" }, Cancel)).Items);
        Assert.Empty((await index.QueryAsync(new ProfileQuery { Skills = ["rust"] }, Cancel)).Items);
        Assert.Empty((await index.QueryAsync(new ProfileQuery { Enriched = false }, Cancel)).Items);
        Assert.Single((await index.QueryAsync(new ProfileQuery { Company = "new", Skills = ["ZIG"], Enriched = true }, Cancel)).Items);
    }

    [Fact]
    public async Task Delete_RemovesTheCopy_AndSaysWhetherThereWasOne()
    {
        var index = await harness.CreateEmptyAsync();
        var kept = harness.Corpus.Profiles[2];
        var deleted = harness.Corpus.Profiles[3];
        await ProfileIndexHarness.SeedAsync(index, [kept, deleted]);

        var first = await index.DeleteAsync(deleted.Id, Cancel);
        var second = await index.DeleteAsync(deleted.Id, Cancel);

        Assert.Equal((true, false), (first, second));
        Assert.Equal([kept.Id], (await index.QueryAsync(new ProfileQuery(), Cancel)).Items.Select(item => item.Id));
    }

    [Fact]
    public async Task Upsert_OfAnEnrichedProfileWithoutItsEnrichmentTime_CountsAsEnrichedWhenStored()
    {
        var index = await harness.CreateEmptyAsync();
        var profile = harness.Corpus.Profiles[4] with { Contact = new ContactData { Phone = "+1 555 0101" }, EnrichedAt = null };
        var storedAt = ProfileCorpus.StoredAt.AddTicks(1_234_567);

        await index.UpsertAsync(profile, storedAt, Cancel);

        Assert.Equal(Micro(storedAt), (await SingleAsync(index, profile.Id)).EnrichedAt);
    }

    /// <summary>Reads every page of <paramref name="query"/>, checking each page's shape; returns the ids in the order listed.</summary>
    private static async Task<List<string>> ReadAllAsync(IProfileIndex index, ProfileQuery query, Func<Task>? betweenPages = null)
    {
        var ids = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages < MaxPages; pages++)
        {
            var page = await index.QueryAsync(query with { Cursor = cursor }, Cancel);
            Assert.True(page.Items.Count <= query.Limit, $"A page of limit {query.Limit} held {page.Items.Count} profiles.");
            if (page.NextCursor is not null)
            {
                Assert.Equal(query.Limit, page.Items.Count);
            }

            ids.AddRange(page.Items.Select(item => item.Id));
            if (page.NextCursor is null)
            {
                return ids;
            }

            cursor = page.NextCursor;
            if (betweenPages is not null)
            {
                await betweenPages();
            }
        }

        Assert.Fail($"The query did not end within {MaxPages} pages.");
        return ids;
    }

    private static async Task<ProfileListing> SingleAsync(IProfileIndex index, string id)
    {
        var page = await index.QueryAsync(new ProfileQuery { Limit = ProfileQueryRules.MaxLimit }, Cancel);
        return Assert.Single(page.Items, item => item.Id == id);
    }

    private static DateTimeOffset? Micro(DateTimeOffset? value) =>
        value is { } at ? new DateTimeOffset(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero) : null;
}
