using Juicebox.Grains.LocalQueries;

namespace Juicebox.Grains.Profiles;

/// <summary>
/// The profile grain's side of the local queries: after every successful state write or erase, the
/// grain brings its row of the <c>profiles</c> table (<see cref="IProfileIndex"/>) in step with what
/// storage now holds. A failed table write is logged and retried on a timer while the grain stays
/// active, by the next state write, and on the next activation.
/// </summary>
public sealed partial class ProfileGrain
{
    /// <summary>What storage holds and the table does not have yet; null while they agree.</summary>
    private static readonly TimeSpan ActivationCatchUpDelay = TimeSpan.FromSeconds(1);

    private StoredCopy? _indexBehind;
    private IGrainTimer? _indexRetry;
    private bool _indexing;
    private bool _indexFailed;

    /// <summary>
    /// Once per activation, off the activation path: a copy the table missed (its write failed on a
    /// silo that has since stopped, or the state predates the table) is written shortly after. When the
    /// row is current this is one statement that changes nothing; the delay keeps it from holding up
    /// the call that activated the grain, which would otherwise often wait behind it.
    /// </summary>
    private void CatchUpIndexAfterActivation()
    {
        if (state.State.Profile is not null)
        {
            _indexBehind = new StoredCopy(state.State.Profile, state.State.FetchedAt ?? DateTimeOffset.UnixEpoch);
            ScheduleIndexCatchUp(ActivationCatchUpDelay);
        }
    }

    /// <summary>Called right after storage accepted the state (or erased it): the table must follow.</summary>
    private Task IndexStoredStateAsync()
    {
        _indexBehind = new StoredCopy(state.State.Profile, state.State.FetchedAt ?? DateTimeOffset.UnixEpoch);
        return CatchUpIndexAsync();
    }

    /// <summary>
    /// Writes what storage holds to the table, one write at a time: a write noted while another is in
    /// flight (a background refresh interleaves with calls) is made by the running loop, after it, so the
    /// newest stored copy is always the last one written. The table ignores a copy older than its row.
    /// </summary>
    private async Task CatchUpIndexAsync()
    {
        if (_indexing)
        {
            return;
        }

        _indexing = true;
        try
        {
            while (_indexBehind is { } target)
            {
                try
                {
                    if (target.Profile is { } profile)
                    {
                        await profileIndex.UpsertAsync(profile, target.StoredAt);
                    }
                    else
                    {
                        await profileIndex.DeleteAsync(ProfileId);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    var retryAfter = localQueries.Value.IndexRetryInterval;
                    LogIndexWriteFailed(exception, ProfileId, retryAfter.TotalSeconds);
                    _indexFailed = true;
                    ScheduleIndexCatchUp(retryAfter);
                    return;
                }

                if (ReferenceEquals(_indexBehind, target))
                {
                    _indexBehind = null;
                }
            }

            _indexRetry?.Dispose();
            _indexRetry = null;
            if (_indexFailed)
            {
                _indexFailed = false;
                LogIndexCaughtUp(ProfileId);
            }
        }
        finally
        {
            _indexing = false;
        }
    }

    private void ScheduleIndexCatchUp(TimeSpan dueTime)
    {
        if (_indexRetry is not null)
        {
            return;
        }

        var interval = localQueries.Value.IndexRetryInterval;
        _indexRetry = this.RegisterGrainTimer(
            static (grain, _) => grain.CatchUpIndexAsync(),
            this,
            new GrainTimerCreationOptions(dueTime, interval) { Interleave = false, KeepAlive = false });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Profile {ProfileId} is stored but its row in the local-query table could not be written; retrying in {RetryAfterSeconds:0.###} s")]
    private partial void LogIndexWriteFailed(Exception exception, string profileId, double retryAfterSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile {ProfileId}'s row in the local-query table is in step with its stored state again")]
    private partial void LogIndexCaughtUp(string profileId);

    /// <summary>A stored state as the table should copy it: the profile (null once erased) and its version.</summary>
    private sealed record StoredCopy(ProfileData? Profile, DateTimeOffset StoredAt);
}
