namespace Juicebox.LoadGenerator;

/// <summary>The plan's start file: created by whoever started the run once it has taken its figures.</summary>
internal static class StartSignal
{
    private static readonly TimeSpan _poll = TimeSpan.FromMilliseconds(10);

    /// <exception cref="TimeoutException">The file did not appear within <paramref name="limit"/>.</exception>
    public static async Task WaitAsync(string path, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!File.Exists(path))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The start file '{path}' did not appear within {limit.TotalSeconds:0.###} s of the warm-up's end.");
            }

            await Task.Delay(_poll, cancellationToken);
        }
    }
}
