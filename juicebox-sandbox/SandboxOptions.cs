using Juicebox.Sandbox.Accounts;
using Juicebox.Sandbox.Faults;
using Juicebox.Sandbox.Webhooks;

namespace Juicebox.Sandbox;

/// <summary>
/// Settings of the sandbox. A standalone sandbox binds them from the <c>Sandbox</c> configuration
/// section (<c>Sandbox__Seed</c>, <c>--Sandbox:ProfileCount</c>, ...); the defaults live here.
/// </summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>Seed of the corpus (profiles, ids, search results) and of the fault dice.</summary>
    public long Seed { get; set; } = 42;

    /// <summary>How many profiles the corpus holds.</summary>
    public int ProfileCount { get; set; } = 10_000;

    /// <summary>Whether the keys <c>sb_free</c>, <c>sb_pro</c>, <c>sb_business</c> and <c>sb_enterprise</c> exist.</summary>
    public bool IncludeDefaultKeys { get; set; } = true;

    /// <summary>
    /// The window the plans' per-minute request limits count in: a minute, as the Juicebox API's. A shorter
    /// one lets a test see a key's limit hold over several windows in seconds; the cluster's
    /// <c>UpstreamBudget:RateWindow</c> must then be the same.
    /// </summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Additional API keys; one with the same key as a default key replaces it.</summary>
    public List<SandboxKeyOptions> Keys { get; set; } = [];

    /// <summary>The faults injected from start-up; <c>PUT /_sandbox/faults</c> changes them at run time.</summary>
    public SandboxFaultOptions Faults { get; set; } = new();

    /// <summary>Where <c>POST /_sandbox/webhooks</c> sends events, and the secret they are signed with.</summary>
    public SandboxWebhookOptions Webhooks { get; set; } = new();

    /// <summary>
    /// The clock of the limits and quota windows, for <see cref="SandboxServer"/> only (tests pass a
    /// fake one); null is the system clock. Never bound from configuration.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }
}
