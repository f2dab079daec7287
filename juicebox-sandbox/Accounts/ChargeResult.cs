namespace Juicebox.Sandbox.Accounts;

/// <summary>The outcome of charging a key: allowed, or refused with a 429 code and when to retry.</summary>
internal readonly record struct ChargeResult(string? RefusalCode, TimeSpan RetryAfter, RateLimitState RateLimit)
{
    public bool Allowed => RefusalCode is null;
}
