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

    /// <summary>CPU time this process used during the measured phase.</summary>
    /// <summary>Responses received during the unmeasured warm-up, and its length in seconds.</summary>
    public long WarmupRequests { get; init; }

    public double WarmupSeconds { get; init; }

    public double CpuSeconds { get; init; }

    /// <summary><see cref="CpuSeconds"/> divided by <see cref="ElapsedSeconds"/>: how many cores the generator used.</summary>
    public double CpuCores { get; init; }

    /// <summary>The first failure (status or exception and the request path); never header values.</summary>
    public string? FirstError { get; init; }

    /// <summary>The <see cref="HeaderCounts"/> key for responses that did not carry the header.</summary>
    public const string AbsentHeader = "(absent)";
}
