namespace Juicebox.Sandbox.Faults;

/// <summary>
/// What the dice decided for one call: a delay, then hang, drop the connection, fail with a status,
/// answer a lie (malformed JSON or wrong types), or pass.
/// </summary>
internal readonly record struct FaultDecision(TimeSpan Delay, bool Hang, int FailureStatus, int RetryAfterSeconds)
{
    public bool Drop { get; init; }

    public FaultLie Lie { get; init; }
}

/// <summary>A 200 answer that is not what the contract promises.</summary>
internal enum FaultLie
{
    None,
    MalformedJson,
    WrongTypes,
}
