using Juicebox.Sandbox.Corpus;

namespace Juicebox.Sandbox.Search;

/// <summary>
/// Runs a compiled query over the corpus in index order, which is the stable result order:
/// counts every match and keeps the requested page.
/// </summary>
internal sealed class SearchEngine
{
    private readonly SandboxCorpus _corpus;

    public SearchEngine(SandboxCorpus corpus)
    {
        _corpus = corpus;
    }

    public SandboxCorpus Corpus => _corpus;

    public (int Total, List<int> Page) Run(ProfileMatcher matcher, int offset, int limit)
    {
        var page = new List<int>(limit);
        var total = 0;
        var cores = _corpus.Cores;
        for (var i = 0; i < cores.Length; i++)
        {
            if (!matcher.Matches(cores[i]))
            {
                continue;
            }

            if (total >= offset && page.Count < limit)
            {
                page.Add(i);
            }

            total++;
        }

        return (total, page);
    }
}
