namespace Juicebox.LoadGenerator;

/// <summary>What one load-generator run measured; only requests started after the warm-up count.</summary>
public sealed record LoadResult
{
    /// <summary>Measured requests that completed, whether they succeeded or not.</summary>
    public long Requests { get; init; }

    /// <summary>Answered with a 2xx status or 304.</summary>
    public long Succeeded { get; init; }

    /// <summary>Answered with any other status, or failed in transport, or timed out.</summary>
    public long Failed { get; init; }

    /// <summary>Count by status code (<c>"200"</c>), with <c>"error"</c> for transport errors and <c>"timeout"</c>.</summary>
    public IReadOnlyDictionary<string, long> Statuses { get; init; } = new Dictionary<string, long>();

    /// <summary>From the end of the warm-up until the last measured request completed.</summary>
    public double ElapsedSeconds { get; init; }

    public double RequestsPerSecond { get; init; }

    public LatencySummary LatencyMs { get; init; } = new();

    /// <summary>Response body bytes of all measured requests (failures' bodies included).</summary>
    public long BodyBytes { get; init; }

    /// <summary><see cref="BodyBytes"/> divided by <see cref="Requests"/>.</summary>
    public double MeanBodyBytes { get; init; }

    /// <summary>Distinct ids requested in the measured phase; 0 when the path has no <c>{id}</c>.</summary>
    public int DistinctIds { get; init; }

    /// <summary>
    /// For each of the plan's count headers, the number of measured responses by header value; a response
    /// without the header counts under <see cref="AbsentHeader"/>. Requests that got no response are not counted.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> HeaderCounts { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, long>>();

    /// <summary>Requests of the unmeasured warm-up that completed, whether or not they succeeded.</summary>
    public long WarmupRequests { get; init; }

    /// <summary>Of <see cref="WarmupRequests"/>, those that failed (an error status, a transport error or a timeout); never in <see cref="Failed"/>.</summary>
    public long WarmupFailed { get; init; }

    /// <summary>The warm-up's length: the plan's <c>warmupSeconds</c>, or how long the reads of its <c>warmupIdsFile</c> took.</summary>
    public double WarmupSeconds { get; init; }

    /// <summary>With a plan's <c>warmupIdsFile</c>: the methods this process's JIT compiler compiled in each warm-up round, the wait after it included.</summary>
    public IReadOnlyList<long> WarmupRoundJitMethods { get; init; } = [];

    /// <summary>CPU time this process used during the measured phase.</summary>

    public double CpuSeconds { get; init; }

    /// <summary><see cref="CpuSeconds"/> divided by <see cref="ElapsedSeconds"/>: how many cores the generator used.</summary>
    public double CpuCores { get; init; }

    /// <summary>Methods this process's JIT compiler compiled during the measured phase (a recompilation at a higher tier counts again), and the time it took.</summary>
    public long JitCompiledMethods { get; init; }

    public double JitSeconds { get; init; }

    /// <summary>Whether this process ran with its socket completions inline (its environment's switch, see <see cref="LoadPlan.InlineSocketCompletions"/>).</summary>
    public bool InlineSocketCompletions { get; init; }

    /// <summary>The first failure (status or exception and the request path); never header values.</summary>
    public string? FirstError { get; init; }

    /// <summary>The same for the reads of a plan's <c>warmupIdsFile</c>.</summary>
    public string? FirstWarmupError { get; init; }

    /// <summary>The <see cref="HeaderCounts"/> key for responses that did not carry the header.</summary>
    public const string AbsentHeader = "(absent)";
}
