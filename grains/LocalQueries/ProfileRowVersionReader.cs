namespace Juicebox.Grains.LocalQueries;

/// <summary>
/// Reads the versions of <c>profiles</c> rows for the silo's activating profile grains, many per
/// statement: requests that arrive while a read is in flight are answered together by the next one,
/// so a burst of activations costs a few reads instead of a write each.
/// </summary>
public sealed class ProfileRowVersionReader(IProfileIndex index)
{
    private const int MaxIdsPerRead = 1_000;

    private readonly Lock _lock = new();
    private Dictionary<string, TaskCompletionSource<ProfileRowVersion?>> _waiting = new(StringComparer.Ordinal);
    private bool _reading;

    /// <summary>The version of the profile's row, or null when it has none.</summary>
    public Task<ProfileRowVersion?> GetAsync(string profileId)
    {
        ArgumentNullException.ThrowIfNull(profileId);
        lock (_lock)
        {
            if (!_waiting.TryGetValue(profileId, out var waiter))
            {
                waiter = new TaskCompletionSource<ProfileRowVersion?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting[profileId] = waiter;
            }

            if (!_reading)
            {
                _reading = true;

                // Off the calling grain's scheduler: the loop serves every grain of the silo.
                _ = Task.Run(ReadWhileWaitingAsync);
            }

            return waiter.Task;
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
