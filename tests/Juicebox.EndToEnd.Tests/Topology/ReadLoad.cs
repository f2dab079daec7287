using System.Collections.Concurrent;
using System.Diagnostics;

namespace Juicebox.EndToEnd.Tests.Topology;

/// <summary>One read of a <see cref="ReadLoad"/>, timed on the load's clock.</summary>
public sealed record TimedRead(TimeSpan StartedAt, TimeSpan EndedAt, bool IsNewProfile, ProfileResponse Response);

/// <summary>
/// Steady profile reads through one client-api from a few concurrent readers, each pacing itself:
/// mostly profiles read before, and now and then one nobody has read yet (a bounded number, so the
/// upstream's rate limit is never the reason a read fails). Every read is recorded with its timing.
/// </summary>
public sealed class ReadLoad : IAsyncDisposable
{
    private readonly HttpClient _api;
    private readonly IReadOnlyList<string> _knownIds;
    private readonly Func<string> _nextNewId;
    private readonly ReadLoadOptions _options;
    private readonly Stopwatch _clock = new();
    private readonly ConcurrentQueue<TimedRead> _reads = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private Task[] _readers = [];
    private int _sequence;
    private int _newIssued;
    private int _completed;
    private int _successesInARow;

    public ReadLoad(HttpClient api, IReadOnlyList<string> knownIds, Func<string> nextNewId, ReadLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(knownIds);
        ArgumentOutOfRangeException.ThrowIfZero(knownIds.Count);

        _api = api;
        _knownIds = knownIds;
        _nextNewId = nextNewId;
        _options = options;
    }

    /// <summary>Time on the load's clock, which started with <see cref="Start"/>.</summary>
    public TimeSpan Now => _clock.Elapsed;

    /// <summary>Reads that have come back (successful or not).</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>Successful reads since the last failed one, in order of completion.</summary>
    public int SuccessesInARow
    {
        get
        {
            lock (_lock)
            {
                return _successesInARow;
            }
        }
    }

    public void Start(CancellationToken cancellationToken)
    {
        if (_clock.IsRunning)
        {
            throw new InvalidOperationException("The load has already started.");
        }

        _clock.Start();
        _readers = [.. Enumerable.Range(0, _options.Readers).Select(_ => Task.Run(() => ReadLoopAsync(cancellationToken), cancellationToken))];
    }

    /// <summary>The reads that have come back so far, in order of start; the load keeps running.</summary>
    public IReadOnlyList<TimedRead> Snapshot() => [.. _reads.OrderBy(read => read.StartedAt)];

    /// <summary>Lets every reader finish its current read, then returns all reads in order of start.</summary>
    public async Task<IReadOnlyList<TimedRead>> StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers);
        return [.. _reads.OrderBy(read => read.StartedAt)];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_readers);
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpRequestException)
        {
            // The test is already failing or cancelled; StopAsync is where reader errors are reported.
        }

        _stop.Dispose();
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        using var pace = new PeriodicTimer(_options.ReadInterval);
        while (!_stop.IsCancellationRequested)
        {
            var (id, isNew) = NextId();
            var startedAt = _clock.Elapsed;
            var response = await _api.GetProfileAsync(id, cancellationToken);
            Record(new TimedRead(startedAt, _clock.Elapsed, isNew, response));
            try
            {
                await pace.WaitForNextTickAsync(_stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private (string Id, bool IsNew) NextId()
    {
        var sequence = Interlocked.Increment(ref _sequence);
        if (sequence % _options.NewProfileEvery == 0 && Interlocked.Increment(ref _newIssued) <= _options.MaxNewProfiles)
        {
            return (_nextNewId(), true);
        }

        return (_knownIds[sequence % _knownIds.Count], false);
    }

    private void Record(TimedRead read)
    {
        _reads.Enqueue(read);
        lock (_lock)
        {
            _successesInARow = read.Response.IsOk ? _successesInARow + 1 : 0;
        }

        Interlocked.Increment(ref _completed);
    }
}

/// <summary>The shape of a <see cref="ReadLoad"/>.</summary>
/// <param name="Readers">Concurrent readers.</param>
/// <param name="ReadInterval">Each reader starts at most one read per interval.</param>
/// <param name="NewProfileEvery">One read in this many asks for a profile nobody read yet...</param>
/// <param name="MaxNewProfiles">...until this many new profiles were asked for; then only known ones.</param>
public sealed record ReadLoadOptions(int Readers, TimeSpan ReadInterval, int NewProfileEvery, int MaxNewProfiles);
