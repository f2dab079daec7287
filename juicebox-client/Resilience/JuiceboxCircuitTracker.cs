namespace Juicebox.Client.Resilience;

/// <summary>
/// Remembers until when the circuit is open, so a call rejected by it can say how long to wait
/// (Polly's rejection does not carry that in the version this project uses).
/// </summary>
internal sealed class JuiceboxCircuitTracker(TimeProvider timeProvider) : IJuiceboxCircuitState
{
    private long _openUntilUtcTicks;
    private long _timesOpened;

    public event EventHandler? Changed;

    public bool IsOpen => Interlocked.Read(ref _openUntilUtcTicks) != 0;

    public DateTimeOffset? OpenUntil => Interlocked.Read(ref _openUntilUtcTicks) is var until and not 0
        ? new DateTimeOffset(until, TimeSpan.Zero)
        : null;

    public long TimesOpened => Interlocked.Read(ref _timesOpened);

    public void Opened(TimeSpan breakDuration)
    {
        Interlocked.Exchange(ref _openUntilUtcTicks, (timeProvider.GetUtcNow() + breakDuration).UtcTicks);
        Interlocked.Increment(ref _timesOpened);
        Changed?.Invoke(this, EventArgs.Empty);
    }

    public void Closed()
    {
        Interlocked.Exchange(ref _openUntilUtcTicks, 0);
        Changed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>The time left until the circuit lets a probe through, or null when unknown or due.</summary>
    public TimeSpan? RetryAfter
    {
        get
        {
            var until = Interlocked.Read(ref _openUntilUtcTicks);
            if (until == 0)
            {
                return null;
            }

            var left = new DateTimeOffset(until, TimeSpan.Zero) - timeProvider.GetUtcNow();
            return left > TimeSpan.Zero ? left : null;
        }
    }
}
