using System.Text.Json;
using Juicebox.Sandbox.Corpus;

namespace Juicebox.Sandbox.Tests.Corpus;

public sealed class CorpusTests
{
    [Fact]
    public void SameSeed_GivesIdenticalProfiles()
    {
        var first = new SandboxCorpus(7, 500);
        var second = new SandboxCorpus(7, 500);
        for (var i = 0; i < 500; i += 37)
        {
            Assert.Equal(JsonSerializer.Serialize(first.GetProfile(i)), JsonSerializer.Serialize(second.GetProfile(i)));
            Assert.Equal(JsonSerializer.Serialize(first.GetSummary(i)), JsonSerializer.Serialize(second.GetSummary(i)));
        }
    }

    [Fact]
    public void KnownSeed_GivesPinnedIdAndName()
    {
        // Pins the generator: if this changes, every stored id and test expectation elsewhere changes too.
        var corpus = new SandboxCorpus(42, 10_000);
        var profile = corpus.GetProfile(0);
        Assert.Equal(PinnedId, profile.Id);
        Assert.Equal(PinnedName, profile.Name);
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentIdsAndProfiles()
    {
        var first = new SandboxCorpus(1, 100);
        var second = new SandboxCorpus(2, 100);
        Assert.NotEqual(first.Ids.ToId(0), second.Ids.ToId(0));
        var differing = Enumerable.Range(0, 100).Count(i => first.GetSummary(i).Name != second.GetSummary(i).Name);
        Assert.True(differing > 80, $"only {differing} of 100 names differ");
    }

    [Fact]
    public void Ids_AreOpaqueUniqueAndParseBack()
    {
        var corpus = new SandboxCorpus(42, 5_000);
        var ids = new HashSet<string>();
        for (var i = 0; i < corpus.Count; i++)
        {
            var id = corpus.Ids.ToId(i);
            Assert.Matches("^jb_[0-9a-z]{13}$", id);
            Assert.True(ids.Add(id), $"duplicate id {id}");
            Assert.True(corpus.TryFindById(id, out var index));
            Assert.Equal(i, index);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("jb_")]
    [InlineData("jb_zzzzzzzzzzzzz")]
    [InlineData("xx_0000000000000")]
    [InlineData("jb_00000000000000")]
    public void MalformedIds_AreNotFound(string? id)
    {
        Assert.False(new SandboxCorpus(42, 1_000).TryFindById(id, out _));
    }

    [Fact]
    public void IdOfAnotherSeed_IsNotFound()
    {
        var other = new SandboxCorpus(43, 1_000);
        var ids = Enumerable.Range(0, 50).Select(other.Ids.ToId);
        Assert.DoesNotContain(ids, id => new SandboxCorpus(42, 1_000).TryFindById(id, out _));
    }

    [Fact]
    public void IdBeyondTheCount_IsNotFound()
    {
        var big = new SandboxCorpus(42, 2_000);
        var small = new SandboxCorpus(42, 1_000);
        Assert.True(small.TryFindById(big.Ids.ToId(999), out _));
        Assert.False(small.TryFindById(big.Ids.ToId(1_500), out _));
    }

    [Fact]
    public void LinkedinUrl_FindsItsProfile_InAnyCommonSpelling()
    {
        var corpus = new SandboxCorpus(42, 1_000);
        var url = corpus.GetSummary(123).LinkedinUrl;
        Assert.StartsWith("https://www.linkedin.com/in/", url, StringComparison.Ordinal);
        foreach (var spelling in new[] { url, url + "/", url.ToUpperInvariant(), url.Replace("https://www.", "http://", StringComparison.Ordinal) + "?trk=x" })
        {
            Assert.True(corpus.TryFindByLinkedinUrl(spelling, out var index), spelling);
            Assert.Equal(123, index);
        }

        Assert.False(corpus.TryFindByLinkedinUrl(url.Replace("/in/", "/in/someone-else-", StringComparison.Ordinal), out _));
        Assert.False(corpus.TryFindByLinkedinUrl("https://www.linkedin.com/in/nobody", out _));
    }

    [Fact]
    public void Profiles_HaveCompleteRealisticFields()
    {
        var corpus = new SandboxCorpus(42, 300);
        for (var i = 0; i < corpus.Count; i++)
        {
            var profile = corpus.GetEnriched(i, DateTimeOffset.UnixEpoch);
            Assert.Contains(' ', profile.Name);
            Assert.False(string.IsNullOrWhiteSpace(profile.Title));
            Assert.False(string.IsNullOrWhiteSpace(profile.Company));
            Assert.False(string.IsNullOrWhiteSpace(profile.Location));
            Assert.False(string.IsNullOrWhiteSpace(profile.Headline));
            Assert.InRange(profile.Skills.Count, 3, 8);
            Assert.Equal(profile.Skills.Count, profile.Skills.Distinct().Count());
            Assert.NotEmpty(profile.Experience);
            Assert.Null(profile.Experience[0].EndDate);
            Assert.Equal(profile.Company, profile.Experience[0].Company);
            Assert.Equal(profile.Title, profile.Experience[0].Title);
            Assert.All(profile.Experience, job => Assert.Matches("^\\d{4}-(0[1-9]|1[0-2])$", job.StartDate));
            Assert.All(profile.Experience.Skip(1), job => Assert.Matches("^\\d{4}-(0[1-9]|1[0-2])$", job.EndDate!));
            Assert.All(profile.Experience.Skip(1), job => Assert.True(string.CompareOrdinal(job.StartDate, job.EndDate) < 0));
            Assert.NotEmpty(profile.Education);
            Assert.All(profile.Education, school => Assert.True(school.StartYear is null || school.StartYear < school.EndYear));
            Assert.Matches("^[a-z0-9]+\\.[a-z0-9]+@[a-z0-9]+\\.example$", profile.Contact.Email!);
            Assert.Equal(TimeSpan.Zero, profile.UpdatedAt.Offset);
        }
    }

    [Fact]
    public void Vocabulary_FitsTheCompactIndex()
    {
        var vocabulary = Vocabulary.Shared;
        Assert.All(
            new[] { vocabulary.Titles.Length, vocabulary.Companies.Length, vocabulary.Skills.Length, vocabulary.Headlines.Length, vocabulary.Locations.Count, vocabulary.FirstNames.Count, vocabulary.LastNames.Count },
            count => Assert.InRange(count, 10, ushort.MaxValue));
    }

    private const string PinnedId = "jb_3p6cv04kpvth3";
    private const string PinnedName = "Beatriz Vargas";
}
