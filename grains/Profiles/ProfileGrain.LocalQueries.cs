using Juicebox.Grains.LocalQueries;

namespace Juicebox.Grains.Profiles;

/// <summary>
/// The profile grain's side of the local queries: after every successful state write or erase, the
/// grain brings its row of the <c>profiles</c> table (<see cref="IProfileIndex"/>) in step with what
/// storage now holds. A failed table write is logged and retried on a timer while the grain stays
/// active, by the next state write, and on the next activation, which reads the row's version (with its
/// state, or with other activations', <see cref="ProfileRowVersionReader"/>) and writes only a row that is behind.
/// </summary>
public sealed partial class ProfileGrain
{
    /// <summary>What storage holds and the table does not have yet; null while they agree.</summary>
    private StoredCopy? _indexBehind;
    private IGrainTimer? _indexRetry;
    private bool _indexing;
    private bool _indexFailed;

    /// <summary>
    /// Once per activation, off the activation path: a copy the table missed (its write failed on a
    /// silo that has since stopped, or the state predates the table) is written shortly after. Where the
    /// state read saw the row (<paramref name="row"/>, read in the same statement) a current row (nearly
    /// always) costs nothing more, and one behind is written at once; otherwise the row's version is read a
    /// second later with the other activations' (<see cref="ProfileRowVersionReader.GetLaterAsync"/>).
    /// </summary>
    private void CatchUpIndexAfterActivation(ProfileRowAtRead row, ParkedProfile? parked)
    {
        var storedAt = _stored.State.FetchedAt ?? DateTimeOffset.UnixEpoch;
        ProfileRowVersion wanted;
        if (parked is not null)
        {
            wanted = ProfileIndexEntry.VersionOf(parked.EnrichedAt, parked.HasContact, storedAt);
        }
        else if (_stored.State.Profile is { } profile)
        {
            wanted = ProfileIndexEntry.VersionOf(profile, storedAt);
        }
        else
        {
            return;
        }

        if (row.Known && row.Version is { } current && current.Covers(wanted))
        {
            return;
        }

        // The check keeps the version it wants, not the profile: the copy's objects go as soon as its
        // first read parks it, instead of surviving a second (and the collections of that second).
        var copy = StoredCopy.HeldSince(storedAt);
        _indexBehind = copy;
        if (row.Known)
        {
            ScheduleIndexCatchUp(TimeSpan.Zero);
        }
        else
        {
            _ = VerifyRowAfterActivationAsync(copy, wanted);
        }
    }

    /// <summary>
    /// Checks the activation's copy against its row without a grain timer: a timer, even disposed, leaves
    /// its registry on the activation for good (about 200 B of every profile read back from storage). This
    /// runs between the grain's calls, so it changes nothing across an await: only a row found behind is
    /// handed to the catch-up loop, on a timer turn like every other table write.
    /// </summary>
    private async Task VerifyRowAfterActivationAsync(StoredCopy copy, ProfileRowVersion wanted)
    {
        bool current;
        try
        {
            current = await services.RowVersions.GetLaterAsync(ProfileId) is { } row && row.Covers(wanted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A failed read counts as behind: the write decides.
            LogRowVersionReadFailed(exception, ProfileId);
            current = false;
        }

        if (!ReferenceEquals(_indexBehind, copy))
        {
            // A state write or an erasure since took the table over.
            return;
        }

        if (current)
        {
            _indexBehind = null;
            return;
        }

        try
        {
            ScheduleIndexCatchUp(TimeSpan.Zero);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The activation is going away; the next one checks the row again.
            LogIndexWriteFailed(exception, ProfileId, services.LocalQueries.Value.IndexRetryInterval.TotalSeconds);
        }
    }

    /// <summary>Called right after storage accepted the state (or erased it): the table must follow.</summary>
    private Task IndexStoredStateAsync()
    {
        _indexBehind = new StoredCopy(Held(), _stored.State.FetchedAt ?? DateTimeOffset.UnixEpoch);
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
                    if ((target.IsHeldCopy ? Held() : target.Profile) is { } profile)
                    {
                        await services.ProfileIndex.UpsertAsync(profile, target.StoredAt);
                    }
                    else if (!target.IsHeldCopy)
                    {
                        await services.ProfileIndex.DeleteAsync(ProfileId);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    var retryAfter = services.LocalQueries.Value.IndexRetryInterval;
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

        var interval = services.LocalQueries.Value.IndexRetryInterval;
        _indexRetry = this.RegisterGrainTimer(
            static (grain, _) => grain.CatchUpIndexAsync(),
            this,
            new GrainTimerCreationOptions(dueTime, interval) { Interleave = false, KeepAlive = false });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Profile {ProfileId} is stored but its row in the local-query table could not be written; retrying in {RetryAfterSeconds:0.###} s")]
    private partial void LogIndexWriteFailed(Exception exception, string profileId, double retryAfterSeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Profile {ProfileId}: the version of its row in the local-query table could not be read; the row is written instead")]
    private partial void LogRowVersionReadFailed(Exception exception, string profileId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile {ProfileId}'s row in the local-query table is in step with its stored state again")]
    private partial void LogIndexCaughtUp(string profileId);

    /// <summary>
    /// A stored state as the table should copy it: the profile (null once erased) and its version. The copy an
    /// activation read is the held one (<see cref="IsHeldCopy"/>), read through <see cref="Held"/> when written,
    /// so that a row check pending for a second keeps no objects alive; <see cref="Hold"/> makes it keep its
    /// own objects before the held copy is replaced (a state write that then fails leaves it to be written).
    /// </summary>
    private sealed class StoredCopy(ProfileData? profile, DateTimeOffset storedAt, bool isHeldCopy = false)
    {
        public ProfileData? Profile { get; private set; } = profile;

        public DateTimeOffset StoredAt { get; } = storedAt;

        public bool IsHeldCopy { get; private set; } = isHeldCopy;

        public static StoredCopy HeldSince(DateTimeOffset storedAt) => new(null, storedAt, isHeldCopy: true);

        public void Keep(ProfileData? held)
        {
            Profile = held;
            IsHeldCopy = false;
        }
    }
}
