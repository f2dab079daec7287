using System.Net;
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

    /// <summary>Requests of the warm-up that completed, whether or not they succeeded; not recorded otherwise.</summary>
    public long WarmupCompleted { get; private set; }

    /// <summary>Of those, the ones answered with an error status, failed in transport or timed out.</summary>
    public long WarmupFailed { get; private set; }

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

    public void RecordWarmupResponse(bool succeeded)
    {
        WarmupCompleted++;
        if (!succeeded)
        {
            WarmupFailed++;
        }
    }

    /// <summary>Turns what was recorded so far into warm-up counts and clears it: the warm-up ran the measurement's code.</summary>
    public void ForgetRecordsAsWarmup(Func<HttpStatusCode, bool> isSuccess)
    {
        long succeeded = 0;
        for (var status = 0; status < StatusCounts.Length; status++)
        {
            if (isSuccess((HttpStatusCode)status))
            {
                succeeded += StatusCounts[status];
            }
        }

        WarmupCompleted += Latencies.Count;
        WarmupFailed += Latencies.Count - succeeded;
        Latencies.Clear();
        Array.Clear(StatusCounts);
        Errors = 0;
        Timeouts = 0;
        BodyBytes = 0;
        foreach (var counts in HeaderCounts)
        {
            counts.Clear();
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
