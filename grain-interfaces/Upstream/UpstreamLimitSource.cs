namespace Juicebox.GrainInterfaces.Upstream;

/// <summary>Where a limit the budget enforces came from.</summary>
[GenerateSerializer, Alias("Juicebox.UpstreamLimitSource")]
public enum UpstreamLimitSource
{
    /// <summary>Nothing is known: no limit is enforced for it.</summary>
    Unknown = 0,

    /// <summary><c>UpstreamBudget:DefaultRequestsPerMinute</c>, used until the upstream tells us its limit.</summary>
    Default = 1,

    /// <summary>The <c>UpstreamBudget</c> configuration section, which is lower than what the upstream allows.</summary>
    Configured = 2,

    /// <summary>The <c>x-ratelimit-limit</c> header of an upstream answer.</summary>
    Headers = 3,

    /// <summary>The <c>limits</c> of <c>GET /usage</c>.</summary>
    Usage = 4,
}
