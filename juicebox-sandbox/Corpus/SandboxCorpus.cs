using Microsoft.Extensions.Options;

namespace Juicebox.Sandbox.Corpus;

/// <summary>
/// The sandbox's population of profiles: generated on demand from (seed, index), with a compact
/// index of the searchable fields built once, on first use.
/// </summary>
internal sealed class SandboxCorpus
{
    private const string LinkedinPrefix = "https://www.linkedin.com/in/";

    private readonly ProfileGenerator _generator;
    private readonly Lazy<ProfileCore[]> _cores;

    public SandboxCorpus(IOptions<SandboxOptions> options)
        : this(options.Value.Seed, options.Value.ProfileCount)
    {
    }

    public SandboxCorpus(long seed, int count)
    {
        Seed = seed;
        Count = count;
        Ids = new ProfileIds((ulong)seed, count);
        _generator = new ProfileGenerator((ulong)seed, Vocabulary.Shared);
        _cores = new Lazy<ProfileCore[]>(BuildCores, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public long Seed { get; }

    public int Count { get; }

    public ProfileIds Ids { get; }

    public Vocabulary Vocabulary => _generator.Vocabulary;

    /// <summary>The searchable fields of every profile, by index.</summary>
    public ReadOnlySpan<ProfileCore> Cores => _cores.Value;

    public ProfileSummary GetSummary(int index)
    {
        ref readonly var core = ref _cores.Value[index];
        var vocabulary = Vocabulary;
        return new ProfileSummary
        {
            Id = Ids.ToId(index),
            Name = _generator.Name(core),
            Title = vocabulary.Titles[core.Title],
            Company = vocabulary.Companies[core.Company],
            Location = vocabulary.Locations[core.Location],
            LinkedinUrl = LinkedinUrl(index, core),
            Skills = _generator.SkillNames(core),
        };
    }

    public Profile GetProfile(int index)
    {
        var core = _generator.GenerateCore(index);
        return _generator.GenerateProfile(index, Ids.ToId(index), LinkedinUrl(index, core));
    }

    public EnrichedProfile GetEnriched(int index, DateTimeOffset enrichedAt)
    {
        var core = _generator.GenerateCore(index);
        return _generator.GenerateEnriched(index, Ids.ToId(index), LinkedinUrl(index, core), enrichedAt);
    }

    public bool TryFindById(string? id, out int index)
    {
        return Ids.TryParseId(id, out index);
    }

    /// <summary>
    /// Finds a profile by its LinkedIn URL. The URL ends with the profile's id code, so no lookup
    /// table is needed; the whole URL must still match, give or take scheme, host prefix and case.
    /// </summary>
    public bool TryFindByLinkedinUrl(string? url, out int index)
    {
        index = -1;
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        var normalized = NormalizeLinkedinUrl(url);
        var dash = normalized.LastIndexOf('-');
        if (dash < 0 || !Ids.TryParseCode(normalized.AsSpan(dash + 1), out var candidate))
        {
            return false;
        }

        var expected = NormalizeLinkedinUrl(LinkedinUrl(candidate, _generator.GenerateCore(candidate)));
        if (!string.Equals(expected, normalized, StringComparison.Ordinal))
        {
            return false;
        }

        index = candidate;
        return true;
    }

    private string LinkedinUrl(int index, in ProfileCore core)
    {
        var vocabulary = Vocabulary;
        var first = Vocabulary.Slug(vocabulary.FirstNames[core.FirstName]);
        var last = Vocabulary.Slug(vocabulary.LastNames[core.LastName]);
        return $"{LinkedinPrefix}{first}-{last}-{Ids.ToCode(index)}";
    }

    private static string NormalizeLinkedinUrl(string url)
    {
        var text = url.Trim().ToLowerInvariant();
        var query = text.IndexOfAny(['?', '#']);
        if (query >= 0)
        {
            text = text[..query];
        }

        text = text.TrimEnd('/');
        foreach (var prefix in (string[])["https://", "http://"])
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                text = text[prefix.Length..];
            }
        }

        if (text.StartsWith("www.", StringComparison.Ordinal))
        {
            text = text[4..];
        }

        return text;
    }

    private ProfileCore[] BuildCores()
    {
        var cores = new ProfileCore[Count];
        Parallel.For(0, Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => cores[i] = _generator.GenerateCore(i));
        return cores;
    }
}
