namespace Juicebox.Sandbox.Accounts;

/// <summary>What the <c>x-ratelimit-*</c> headers report: the current one-minute window of a key.</summary>
internal readonly record struct RateLimitState(int Limit, int Remaining, DateTimeOffset Reset);
