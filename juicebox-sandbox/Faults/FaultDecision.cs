namespace Juicebox.Sandbox.Faults;

/// <summary>What the dice decided for one call: a delay, then hang, fail with a status, or pass.</summary>
internal readonly record struct FaultDecision(TimeSpan Delay, bool Hang, int FailureStatus, int RetryAfterSeconds);
