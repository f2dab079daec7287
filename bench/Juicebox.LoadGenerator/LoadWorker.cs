using System.Runtime.InteropServices;

namespace Juicebox.LoadGenerator;

/// <summary>
/// What one worker records, kept apart from the other workers' so that recording needs no synchronisation;
/// the run merges all workers once they have finished.
/// </summary>
internal sealed class LoadWorker
{
    private const int StatusCodeLimit = 1000;

    public LoadWorker(IdPicker picker, int countHeaders, int expectedRequests)
    {
        Picker = picker;
        Latencies = new List<long>(expectedRequests);
        HeaderCounts = new Dictionary<string, long>[countHeaders];
        for (var i = 0; i < countHeaders; i++)
        {
            HeaderCounts[i] = new Dictionary<string, long>(StringComparer.Ordinal);
        }
    }

    public IdPicker Picker { get; }

    /// <summary>Body bytes are read into this and dropped.</summary>
    public byte[] Buffer { get; } = new byte[16 * 1024];

    /// <summary>Stopwatch ticks of every measured request, successful or not.</summary>
    public List<long> Latencies { get; }

    /// <summary>Indexed by status code.</summary>
    public long[] StatusCounts { get; } = new long[StatusCodeLimit];

    public long Errors { get; private set; }

    /// <summary>Responses received during the warm-up, which are not recorded otherwise.</summary>
    public long WarmupCompleted { get; set; }

    public long Timeouts { get; private set; }

    public long BodyBytes { get; private set; }

    /// <summary>Value counts, one dictionary for each of the plan's count headers, in order.</summary>
    public Dictionary<string, long>[] HeaderCounts { get; }

    public void RecordResponse(HttpResponseMessage response, long bodyBytes, long latencyTicks, string[] countHeaders)
    {
        Latencies.Add(latencyTicks);
        BodyBytes += bodyBytes;
        var status = (int)response.StatusCode;
        if (status is >= 0 and < StatusCodeLimit)
        {
            StatusCounts[status]++;
        }
        else
        {
            Errors++;
        }

        for (var i = 0; i < countHeaders.Length; i++)
        {
            CountHeader(response, countHeaders[i], HeaderCounts[i]);
        }
    }

    public void RecordError(long latencyTicks)
    {
        Latencies.Add(latencyTicks);
        Errors++;
    }

    public void RecordTimeout(long latencyTicks)
    {
        Latencies.Add(latencyTicks);
        Timeouts++;
    }

    private static void CountHeader(HttpResponseMessage response, string name, Dictionary<string, long> counts)
    {
        if (response.Headers.NonValidated.TryGetValues(name, out var values)
            || response.Content.Headers.NonValidated.TryGetValues(name, out values))
        {
            foreach (var value in values)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(counts, value, out _)++;
            }
        }
        else
        {
            CollectionsMarshal.GetValueRefOrAddDefault(counts, LoadResult.AbsentHeader, out _)++;
        }
    }
}
