namespace Juicebox.Client.Resilience;

/// <summary>The circuit breaker of this process's Juicebox client, for gauges and operator views.</summary>
public interface IJuiceboxCircuitState
{
    /// <summary>True from the moment the circuit opens until a probe call succeeds and closes it.</summary>
    bool IsOpen { get; }

    /// <summary>Until when calls fail fast without being sent; null while closed.</summary>
    DateTimeOffset? OpenUntil { get; }

    /// <summary>How often the circuit has opened since the process started.</summary>
    long TimesOpened { get; }

    /// <summary>Raised after the circuit opened or closed.</summary>
    event EventHandler? Changed;
}
