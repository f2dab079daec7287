namespace Juicebox.Sandbox.Corpus;

/// <summary>
/// Builds the corpus's search index in the background as the sandbox starts, so the first search
/// of a large corpus does not pay for it.
/// </summary>
internal sealed class CorpusWarmup : BackgroundService
{
    private readonly SandboxCorpus _corpus;

    public CorpusWarmup(SandboxCorpus corpus)
    {
        _corpus = corpus;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        return Task.Run(() => _corpus.Cores.Length, stoppingToken);
    }
}
