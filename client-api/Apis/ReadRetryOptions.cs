namespace Juicebox.ClientApi.Apis;

/// <summary>
/// How client-api retries calls that are safe to repeat (reads, progress, operator views) while the
/// cluster moves grains off a silo that left or died; section <c>ReadRetry</c>.
/// </summary>
public sealed class ReadRetryOptions
{
    public const string SectionName = "ReadRetry";

    /// <summary>
    /// No new attempt starts later than this after the first (<c>ReadRetry__Window</c>). It must cover
    /// the time the silos need to declare a dead silo dead (about 5 s with Juicebox's membership defaults).
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// An attempt without an answer after this is abandoned and retried (<c>ReadRetry__AttemptTimeout</c>):
    /// a call that was in flight to a silo when it died never gets one. A retry of a read that is merely
    /// slow queues behind it in the grain and gets its answer.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait before the first retry, doubled (with jitter) for each next one (<c>ReadRetry__FirstDelay</c>).</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two attempts (<c>ReadRetry__MaxDelay</c>).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(1);
}
