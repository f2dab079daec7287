using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;

namespace Juicebox.EndToEnd.Tests.Faults;

/// <summary>
/// What the chaos run did and what came back, phase by phase: the faults, every request's outcome
/// (ok, stale, 503, other 5xx, 4xx, no answer), the time to full recovery, and the table of it all.
/// </summary>
public sealed class ChaosLedger
{
    private readonly ConcurrentQueue<(TimeSpan At, string Outcome)> _outcomes = new();
    private readonly ConcurrentQueue<(TimeSpan At, string Answer)> _serverErrors = new();
    private readonly List<ChaosPhase> _phases = [];

    public static string Classify(HttpStatusCode? status, string? cache) => status switch
    {
        null => "no answer",
        HttpStatusCode.OK when cache == "stale" => "stale",
        HttpStatusCode.ServiceUnavailable => "503",
        >= HttpStatusCode.InternalServerError => "5xx",
        >= HttpStatusCode.BadRequest => "4xx",
        _ => "ok",
    };

    public void Record(TimeSpan at, string outcome) => _outcomes.Enqueue((at, outcome));

    /// <summary>
    /// Records an answer of 500 or more other than 503 (<paramref name="answer"/>: the route, status and
    /// problem type), so that the report says what each was, not only how many.
    /// </summary>
    public void RecordServerError(TimeSpan at, string answer) => _serverErrors.Enqueue((at, answer));

    public void AddPhase(ChaosPhase phase) => _phases.Add(phase);

    public IReadOnlyList<ChaosPhase> Phases => _phases;

    /// <summary>The outcomes counted in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IReadOnlyDictionary<string, int> Count(TimeSpan from, TimeSpan to) => _outcomes
        .Where(outcome => outcome.At >= from && outcome.At < to)
        .GroupBy(outcome => outcome.Outcome)
        .ToDictionary(group => group.Key, group => group.Count());

    public string Table(ChaosTotals totals)
    {
        var text = new StringBuilder();
        text.AppendLine("| phase | fault injected | requests | ok | stale | 503 | other 5xx | 4xx | no answer | full recovery |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var phase in _phases)
        {
            var counts = Count(phase.Start, phase.End);
            text.AppendLine(Invariant($"| {phase.Name} | {phase.Fault} | {counts.Values.Sum()} | {Get(counts, "ok")} | {Get(counts, "stale")} | {Get(counts, "503")} | {Get(counts, "5xx")} | {Get(counts, "4xx")} | {Get(counts, "no answer")} | {Seconds(phase.Recovery)} |"));
        }

        var all = Count(TimeSpan.Zero, TimeSpan.MaxValue);
        text.AppendLine(Invariant($"| **all** | {_phases.Count} faults | {all.Values.Sum()} | {Get(all, "ok")} | {Get(all, "stale")} | {Get(all, "503")} | {Get(all, "5xx")} | {Get(all, "4xx")} | {Get(all, "no answer")} | {Seconds(_phases.Max(phase => phase.Recovery))} (longest) |"));
        text.AppendLine();
        text.AppendLine("| enrichment | |");
        text.AppendLine("|---|---:|");
        text.AppendLine(Invariant($"| jobs acknowledged (202) | {totals.JobsAcknowledged} |"));
        text.AppendLine(Invariant($"| profiles acknowledged | {totals.ProfilesAcknowledged} |"));
        text.AppendLine(Invariant($"| submits refused (503 + Retry-After) | {totals.SubmitsRefused} |"));
        text.AppendLine(Invariant($"| submits answered otherwise | {totals.SubmitsOther} |"));
        text.AppendLine(Invariant($"| profiles done / skipped / failed | {totals.Done} / {totals.Skipped} / {totals.Failed} |"));
        text.AppendLine(Invariant($"| **lost** (acknowledged, never settled) | {totals.Lost} |"));
        text.AppendLine(Invariant($"| **paid twice** (charged - distinct profiles) | {totals.PaidTwice} |"));
        text.AppendLine(Invariant($"| dead letters | {totals.DeadLetters} |"));
        text.AppendLine(Invariant($"| silos declared dead | {totals.SilosDeclaredDead} |"));
        text.AppendLine(Invariant($"| fuzz requests / answered >= 500 / errors not a problem document | {totals.FuzzRequests} / {totals.Fuzz5xx} / {totals.FuzzViolations} |"));
        text.AppendLine(Invariant($"| fuzz requests refused by Kestrel's parser before the app (bare 400/414, predicted from the request) | {totals.FuzzRefusedByParser} |"));
        if (!_serverErrors.IsEmpty)
        {
            text.AppendLine();
            text.AppendLine("| answers >= 500 other than 503 | phase | count |");
            text.AppendLine("|---|---|---:|");
            foreach (var group in _serverErrors.GroupBy(error => (error.Answer, Phase: PhaseAt(error.At))).OrderBy(group => group.Min(error => error.At)))
            {
                text.AppendLine(Invariant($"| {group.Key.Answer} | {group.Key.Phase} | {group.Count()} |"));
            }
        }

        return text.ToString();
    }

    private string PhaseAt(TimeSpan at) => _phases.FirstOrDefault(phase => at >= phase.Start && at < phase.End)?.Name ?? "between phases";

    private static int Get(IReadOnlyDictionary<string, int> counts, string key) => counts.GetValueOrDefault(key);

    private static string Seconds(TimeSpan? value) => value is { } time ? Invariant($"{time.TotalSeconds:0.0} s") : "never";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One fault: when it started, when everything had recovered, and how long recovery took after the fault ended.</summary>
public sealed record ChaosPhase(string Name, string Fault, TimeSpan Start, TimeSpan End, TimeSpan? Recovery);

/// <summary>The run's enrichment and fuzz accounting.</summary>
public sealed record ChaosTotals
{
    public int JobsAcknowledged { get; init; }
    public int ProfilesAcknowledged { get; init; }
    public int SubmitsRefused { get; init; }
    public int SubmitsOther { get; init; }
    public int Done { get; init; }
    public int Skipped { get; init; }
    public int Failed { get; init; }
    public int Lost { get; init; }
    public int PaidTwice { get; init; }
    public int DeadLetters { get; init; }
    public int SilosDeclaredDead { get; init; }
    public int FuzzRequests { get; init; }
    public int Fuzz5xx { get; init; }
    public int FuzzViolations { get; init; }
    public int FuzzRefusedByParser { get; init; }
}
