using System.Text.Json.Serialization;

namespace Juicebox.LoadGenerator;

/// <summary>What to request, how hard and for how long: the input of one load-generator run.</summary>
public sealed record LoadPlan
{
    /// <summary>The placeholder in <see cref="PathTemplate"/> replaced by each (URL-escaped) id.</summary>
    public const string IdPlaceholder = "{id}";

    /// <summary>The most connections a plan may ask for.</summary>
    public const int MaxConnections = 10_000;

    /// <summary>The longest duration, warm-up or timeout a plan may ask for: a week.</summary>
    public const double MaxSeconds = 7 * 24 * 3600;

    /// <summary>Scheme, host and port, e.g. <c>http://127.0.0.1:5000</c>; a path here is kept as a prefix.</summary>
    public required string BaseAddress { get; init; }

    /// <summary>
    /// Path and query appended to <see cref="BaseAddress"/>, e.g. <c>/api/v1/profiles/{id}</c>; without
    /// <c>{id}</c> the same path is requested every time, e.g. <c>/_diagnostics/constant?bytes=1200</c>.
    /// </summary>
    public required string PathTemplate { get; init; }

    /// <summary>One id a line (blank lines skipped); required when <see cref="PathTemplate"/> contains <c>{id}</c>.</summary>
    public string? IdsFile { get; init; }

    /// <summary>Request headers sent with every request, e.g. <c>Authorization: Bearer …</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Concurrent requests, which is also the number of connections; at most <see cref="MaxConnections"/>.</summary>
    public int Connections { get; init; } = 64;

    public LoadOrder Order { get; init; } = LoadOrder.Uniform;

    /// <summary>The <c>s</c> of <see cref="LoadOrder.Zipf"/>: P(rank k) ∝ 1/k^s; must be positive.</summary>
    public double ZipfExponent { get; init; } = 1.0;

    /// <summary>Worker <c>i</c> draws ids from a generator seeded with <c>Seed + i</c>.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Stop after this many measured requests in total.</summary>
    public int? Requests { get; init; }

    /// <summary>Stop issuing requests this long after measurement started (requests in flight then still count).</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>
    /// Requests started within this long of the start are sent but not recorded (in a sequential run, the ids
    /// they took are not requested again).
    /// </summary>
    public double WarmupSeconds { get; init; }

    /// <summary>
    /// Ids read once each, in order, before the measured requests and on the same connections, without being
    /// recorded: a warm-up that leaves <see cref="IdsFile"/>'s ids to the measurement (cold reads, say, where a
    /// warm-up over the measured ids would make them hot). Needs an <c>{id}</c> path; not with <see cref="WarmupSeconds"/>.
    /// </summary>
    public string? WarmupIdsFile { get; init; }

    /// <summary>
    /// The warm-up ids are read in this many rounds of equal shares, each followed by a wait for this process's
    /// JIT compiler to go quiet: .NET starts counting a method's calls toward its optimized recompilation only
    /// once no new method was compiled for 100 ms, so one long burst leaves the recompilations to the measurement.
    /// </summary>
    public int WarmupRounds { get; init; } = 1;

    /// <summary>The most <see cref="WarmupRounds"/> a plan may ask for.</summary>
    public const int MaxWarmupRounds = 100;

    /// <summary>
    /// With <see cref="WarmupIdsFile"/>: created once the warm-up's reads are done and this process's JIT compiler
    /// went quiet; the run then waits for <see cref="StartFile"/> before its first measured request, keeping its
    /// connections open, so that whoever started it can let the servers settle and take their figures first.
    /// </summary>
    public string? WarmedFile { get; init; }

    /// <summary>The file whose creation starts the measured requests after <see cref="WarmedFile"/>; waited for at most <see cref="StartWaitSeconds"/>.</summary>
    public string? StartFile { get; init; }

    public double StartWaitSeconds { get; init; } = 120;

    /// <summary>
    /// Whether the load generator's socket completions run on the threads that poll the sockets instead of being
    /// handed to the thread pool (.NET's <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS</c>, as the hosts run): at a
    /// few thousand requests a second each hand-off wakes a pool thread, several times the requests' own cost.
    /// Set by the command before the process opens its first socket; a run inside another process keeps its sockets as they are.
    /// </summary>
    public bool InlineSocketCompletions { get; init; }

    /// <summary>Response headers whose values are counted, e.g. <c>X-Cache</c>.</summary>
    public IReadOnlyList<string> CountHeaders { get; init; } = [];

    /// <summary>Per request, from sending to the end of the body.</summary>
    public double TimeoutSeconds { get; init; } = 30;

    /// <summary>Whether <see cref="PathTemplate"/> takes ids from <see cref="IdsFile"/>.</summary>
    [JsonIgnore]
    public bool UsesIds => PathTemplate.Contains(IdPlaceholder, StringComparison.Ordinal);

    /// <summary>Everything wrong with this plan, each naming the property; empty when the plan can run.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(BaseAddress, UriKind.Absolute, out var baseUri)
            || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"baseAddress must be an absolute http or https address; was '{BaseAddress}'.");
        }

        if (string.IsNullOrEmpty(PathTemplate) || PathTemplate[0] != '/')
        {
            problems.Add($"pathTemplate must start with '/'; was '{PathTemplate}'.");
        }
        else if (UsesIds && string.IsNullOrWhiteSpace(IdsFile))
        {
            problems.Add("idsFile is required when pathTemplate contains {id}.");
        }

        if (Connections is < 1 or > MaxConnections)
        {
            problems.Add($"connections must be at least 1 and at most {MaxConnections}; was {Connections}.");
        }

        if (!Enum.IsDefined(Order))
        {
            problems.Add($"order must be sequential, uniform or zipf; was {(int)Order}.");
        }

        if (Order == LoadOrder.Zipf && !(ZipfExponent > 0 && double.IsFinite(ZipfExponent)))
        {
            problems.Add($"zipfExponent must be a positive number; was {ZipfExponent}.");
        }

        if (Requests is < 1)
        {
            problems.Add($"requests must be at least 1 when set; was {Requests}.");
        }

        if (DurationSeconds is { } duration && !(duration is > 0 and <= MaxSeconds))
        {
            problems.Add($"durationSeconds must be positive and at most {MaxSeconds} when set; was {duration}.");
        }

        if (!(WarmupSeconds is >= 0 and <= MaxSeconds))
        {
            problems.Add($"warmupSeconds must be zero or positive and at most {MaxSeconds}; was {WarmupSeconds}.");
        }

        if (WarmupIdsFile is not null)
        {
            if (string.IsNullOrWhiteSpace(WarmupIdsFile) || !UsesIds)
            {
                problems.Add("warmupIdsFile needs a file name and a pathTemplate containing {id}.");
            }

            if (WarmupSeconds > 0)
            {
                problems.Add("warmupIdsFile and warmupSeconds are two ways to warm up: set one.");
            }
        }

        if (WarmupRounds is < 1 or > MaxWarmupRounds)
        {
            problems.Add($"warmupRounds must be at least 1 and at most {MaxWarmupRounds}; was {WarmupRounds}.");
        }

        if ((WarmedFile is null) != (StartFile is null) || (WarmedFile is not null && (WarmupIdsFile is null || string.IsNullOrWhiteSpace(WarmedFile) || string.IsNullOrWhiteSpace(StartFile))))
        {
            problems.Add("warmedFile and startFile go together, both named, with a warmupIdsFile.");
        }

        if (!(StartWaitSeconds is > 0 and <= MaxSeconds))
        {
            problems.Add($"startWaitSeconds must be positive and at most {MaxSeconds}; was {StartWaitSeconds}.");
        }

        if (!(TimeoutSeconds is > 0 and <= MaxSeconds))
        {
            problems.Add($"timeoutSeconds must be positive and at most {MaxSeconds}; was {TimeoutSeconds}.");
        }

        if (Requests is null && DurationSeconds is null && !(Order == LoadOrder.Sequential && UsesIds))
        {
            problems.Add("the run has no end: set requests or durationSeconds, or use order sequential with an {id} pathTemplate.");
        }

        if (Headers.Keys.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("headers must not contain an empty header name.");
        }

        if (CountHeaders.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("countHeaders must not contain an empty header name.");
        }

        return problems;
    }
}
