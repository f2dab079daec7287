namespace Juicebox.Grains.LocalQueries;

/// <summary>
/// Reads the versions of <c>profiles</c> rows for the silo's activating profile grains, many per
/// statement: requests that arrive while a read is in flight are answered together by the next one,
/// so a burst of activations costs a few reads instead of a write each. An activation asks through
/// <see cref="GetLaterAsync"/>: its request waits with every other one made within
/// <see cref="LaterDelay"/> behind one timer for them all, off the read that activated the grain.
/// </summary>
public sealed class ProfileRowVersionReader(IProfileIndex index)
{
    /// <summary>How long <see cref="GetLaterAsync"/> holds requests back to read them together.</summary>
    public static readonly TimeSpan LaterDelay = TimeSpan.FromSeconds(1);

    private const int MaxIdsPerRead = 1_000;

    private readonly Lock _lock = new();
    private Dictionary<string, TaskCompletionSource<ProfileRowVersion?>> _waiting = new(StringComparer.Ordinal);
    private Dictionary<string, TaskCompletionSource<ProfileRowVersion?>> _later = new(StringComparer.Ordinal);
    private bool _reading;
    private bool _laterDue;

    /// <summary>
    /// The version of the profile's row (null when it has none), read <see cref="LaterDelay"/> from the
    /// first of the requests still held back, together with them: one timer and one statement for a
    /// burst of activations instead of a timer each.
    /// </summary>
    public Task<ProfileRowVersion?> GetLaterAsync(string profileId)
    {
        ArgumentNullException.ThrowIfNull(profileId);
        lock (_lock)
        {
            if (!_waiting.TryGetValue(profileId, out var waiter) && !_later.TryGetValue(profileId, out waiter))
            {
                waiter = new TaskCompletionSource<ProfileRowVersion?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _later[profileId] = waiter;
            }

            if (!_laterDue)
            {
                _laterDue = true;
                _ = ReadLaterAsync();
            }

            return waiter.Task;
        }
    }

    private async Task ReadLaterAsync()
    {
        // Off the calling grain's scheduler, like the reading loop.
        await Task.Delay(LaterDelay).ConfigureAwait(false);
        lock (_lock)
        {
            // Disjoint: a request for an id already waiting for the read joined it instead (GetLaterAsync).
            foreach (var (id, waiter) in _later)
            {
                _waiting.Add(id, waiter);
            }

            _later = new Dictionary<string, TaskCompletionSource<ProfileRowVersion?>>(StringComparer.Ordinal);
            _laterDue = false;
            StartReadingIfIdle();
        }
    }

    // Called under the lock.
    private void StartReadingIfIdle()
    {
        if (!_reading && _waiting.Count > 0)
        {
            _reading = true;

            // Off the calling grain's scheduler: the loop serves every grain of the silo.
            _ = Task.Run(ReadWhileWaitingAsync);
        }
    }

    private async Task ReadWhileWaitingAsync()
    {
        while (TakeBatch() is { } batch)
        {
            try
            {
                var versions = await index.GetVersionsAsync(batch.Keys);
                foreach (var (id, waiter) in batch)
                {
                    waiter.TrySetResult(versions.TryGetValue(id, out var version) ? version : null);
                }
            }
            catch (Exception exception)
            {
                foreach (var waiter in batch.Values)
                {
                    waiter.TrySetException(exception);
                }
            }
        }
    }

    private Dictionary<string, TaskCompletionSource<ProfileRowVersion?>>? TakeBatch()
    {
        lock (_lock)
        {
            if (_waiting.Count == 0)
            {
                _reading = false;
                return null;
            }

            if (_waiting.Count <= MaxIdsPerRead)
            {
                var all = _waiting;
                _waiting = new Dictionary<string, TaskCompletionSource<ProfileRowVersion?>>(StringComparer.Ordinal);
                return all;
            }

            var batch = _waiting.Take(MaxIdsPerRead).ToDictionary(StringComparer.Ordinal);
            foreach (var id in batch.Keys)
            {
                _waiting.Remove(id);
            }

            return batch;
        }
    }
}
