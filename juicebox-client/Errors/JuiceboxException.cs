namespace Juicebox.Client.Errors;

/// <summary>The base of every failure the Juicebox client throws.</summary>
public abstract class JuiceboxException(string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>How long the upstream asked us to wait before trying again, when it said.</summary>
    public abstract TimeSpan? RetryAfter { get; }

    /// <summary>True when the same call may succeed later (429, 5xx, timeouts, an open circuit).</summary>
    public abstract bool IsTransient { get; }
}
