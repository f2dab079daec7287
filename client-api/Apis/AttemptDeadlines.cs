using System.Diagnostics;

namespace Juicebox.ClientApi.Apis;

/// <summary>
/// The deadline of a read's first attempt without a timer per attempt: attempts that start within the
/// same quarter second share one token, cancelled the attempt timeout after that quarter second ends.
/// An attempt so gets between the timeout and a quarter second more, for one timer per quarter second
/// instead of one per read.
/// </summary>
internal sealed class AttemptDeadlines(TimeSpan attemptTimeout)
{
    private static readonly TimeSpan _resolution = TimeSpan.FromMilliseconds(250);
    private static readonly long _resolutionTicks = (long)(_resolution.TotalSeconds * Stopwatch.Frequency);

    private Slot? _current;

    public CancellationToken Next()
    {
        var period = Stopwatch.GetTimestamp() / _resolutionTicks;
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Period == period)
        {
            return current.Deadline.Token;
        }

        // The sources are never disposed: each cancels itself once, which releases its timer.
        var fresh = new Slot(period, new CancellationTokenSource(attemptTimeout + _resolution));
        var seen = Interlocked.CompareExchange(ref _current, fresh, current);
        return seen == current ? fresh.Deadline.Token : seen!.Deadline.Token;
    }

    private sealed record Slot(long Period, CancellationTokenSource Deadline);
}
