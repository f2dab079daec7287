namespace Juicebox.Client.Configuration;

/// <summary>How the client times out, retries and stops calling an upstream that is down.</summary>
public sealed record JuiceboxResilienceOptions
{
    /// <summary>The limit on one attempt, from sending the request to the response headers.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The limit on a whole call, every attempt and every wait between them included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after the first attempt; 0 turns retries off.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff delay; it doubles on every retry and is jittered.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest <c>retry-after</c> the client waits for on its own. A longer one (a spent daily
    /// quota, say) fails the call at once with the wait in the exception.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>When the circuit opens and how long it stays open.</summary>
    public JuiceboxCircuitBreakerOptions CircuitBreaker { get; set; } = new();
}
