namespace Juicebox.Grains.Upstream;

/// <summary>
/// How the cluster paces and rations its upstream calls; bound from the <c>UpstreamBudget</c> section.
/// Limits left unset are learned from the upstream (<c>GET /usage</c> and the <c>x-ratelimit-*</c>
/// headers); a configured limit only ever lowers what the upstream allows.
/// </summary>
public sealed class UpstreamBudgetOptions
{
    public const string SectionName = "UpstreamBudget";

    /// <summary>A ceiling on the per-minute request limit (to leave room for other users of the key, say).</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>A ceiling on the per-day request limit (UTC days).</summary>
    public int? RequestsPerDay { get; set; }

    /// <summary>A ceiling on the monthly enrichment quota.</summary>
    public int? EnrichmentsPerMonth { get; set; }

    /// <summary>
    /// The window the upstream counts its per-minute limit in: a minute, as the Juicebox API's plans do.
    /// Only a sandbox whose <c>Sandbox:RateWindow</c> is set the same (a test's) counts in a shorter one.
    /// </summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The per-minute limit paced to until the upstream has said what its limit is.</summary>
    public int DefaultRequestsPerMinute { get; set; } = 60;

    /// <summary>
    /// How much longer than a minute over the limit the pace interval is (0.02 = 2%): L calls then
    /// span 1.02 minutes, so delays of up to about a second cannot put L + 1 in one upstream window.
    /// </summary>
    public double SafetyMargin { get; set; } = 0.02;

    /// <summary>
    /// The longest an interactive call is told to wait for its slot; beyond it (or beyond one pace
    /// interval, if that is longer) it is refused with a retry time.
    /// </summary>
    public TimeSpan MaxInteractiveWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The furthest ahead a background call may reserve a slot. Kept short so interactive calls never
    /// queue behind a backlog of background reservations; refused background callers retry later.
    /// </summary>
    public TimeSpan MaxBackgroundWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether the budget asks <c>GET /usage</c> and <c>GET /auth/me</c> for limits and spending when it starts.</summary>
    public bool LearnOnActivation { get; set; } = true;
}
