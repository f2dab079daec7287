namespace Juicebox.Grains.Profiles;

/// <summary>
/// The profile grain's side of erasure, suppression and retention. Whether the id is suppressed is
/// asked once per activation, and only when nothing is held (a held profile cannot be suppressed:
/// erasure removes it). When it was last read is kept in memory and written to its <c>profiles</c>
/// row at most once per <see cref="PrivacyOptions.LastReadWriteInterval"/> and when the grain goes
/// idle, so hot reads cost no database write.
/// </summary>
public sealed partial class ProfileGrain
{
    private bool? _suppressed;
    private DateTimeOffset _lastReadAt;
    private DateTimeOffset _lastReadWritten;
    private bool _writingLastRead;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A migrating activation hands its in-memory state over, which must carry the objects.
        if (reason.ReasonCode == DeactivationReasonCode.Migrating)
        {
            Held();
        }

        // Not at shutdown: a silo leaving with many grains would write a row for each. The reads of at
        // most one write interval are lost then, which the retention's margin absorbs.
        if (reason.ReasonCode != DeactivationReasonCode.ShuttingDown && _lastReadAt > _lastReadWritten && Holds)
        {
            await WriteLastReadAsync(cancellationToken);
        }

        // What the activation held goes with it (after a migration's hand-over, which carries the objects).
        services.Metrics.ProfileHeldJsonChanged(-(_renderedJson?.Length ?? 0));
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<bool> EraseAsync()
    {
        if (_fetch is { IsCompleted: false } running)
        {
            await running.ContinueWith(static _ => { }, TaskScheduler.Current);
        }

        _suppressed = true;
        var held = Holds || _stored.RecordExists;
        _indexBehind = null;
        _indexRetry?.Dispose();
        _indexRetry = null;
        if (_stored.RecordExists)
        {
            await ClearStoredStateAsync();
        }

        _stored.State = new ProfileState();
        ForgetHeld();
        RefreshError = null;
        _lastReadAt = default;
        await TellReadCachesAsync(removesPersonalData: true);

        // Unlike a state write, an erasure must not end before the row is gone: a failure here fails the
        // erasure, which the caller repeats.
        await services.ProfileIndex.DeleteAsync(ProfileId);
        DeactivateOnIdle();
        LogErased(held);
        return held;
    }

    public async Task<bool> ExpireAsync(DateTimeOffset unusedSince)
    {
        var lastUsed = Max(_lastReadAt, _stored.State.FetchedAt ?? DateTimeOffset.MinValue);
        if (Holds && lastUsed >= unusedSince)
        {
            // Read since the row says; record it so that the next run does not ask again.
            await WriteLastReadAsync(CancellationToken.None);
            return false;
        }

        if (_stored.RecordExists)
        {
            await ClearStoredStateAsync();
        }

        _stored.State = new ProfileState();
        _indexBehind = null;
        ForgetHeld();
        await TellReadCachesAsync(removesPersonalData: true);
        await services.ProfileIndex.DeleteAsync(ProfileId);
        DeactivateOnIdle();
        return true;
    }

    public async Task<bool> StripContactAsync(DateTimeOffset enrichedBefore)
    {
        if (Held() is not { Contact: not null } profile)
        {
            return false;
        }

        var enrichedAt = _stored.State.EnrichedAt ?? profile.EnrichedAt;
        if (enrichedAt >= enrichedBefore)
        {
            return false;
        }

        var stripped = profile with { Contact = null, EnrichedAt = null };
        Hold(stripped);
        _stored.State.EnrichedAt = null;
        _stored.State.ContentHash = ProfileContentHash.Compute(stripped);
        await PersistAsync(removesPersonalData: true);
        return true;
    }

    public async Task<bool> MarkForRefreshAsync()
    {
        if (!Holds || _stored.State.SummaryOnly)
        {
            return false;
        }

        _stored.State.RefreshRequested = true;
        NextRefreshAttempt = default;
        await PersistAsync();
        return true;
    }

    private async ValueTask<bool> IsSuppressedAsync() => _suppressed ??= await services.Suppression.IsSuppressedAsync(ProfileId);

    private void NoteRead(DateTimeOffset now)
    {
        _lastReadAt = now;
        if (!_writingLastRead && now - _lastReadWritten >= services.Privacy.Value.LastReadWriteInterval)
        {
            _ = WriteLastReadAsync(CancellationToken.None);
        }
    }

    private async Task WriteLastReadAsync(CancellationToken cancellationToken)
    {
        var readAt = _lastReadAt;
        if (readAt == default)
        {
            return;
        }

        _writingLastRead = true;
        try
        {
            await services.ProfileIndex.TouchAsync(ProfileId, readAt, cancellationToken);
            _lastReadWritten = readAt;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The next read past the interval, or the deactivation, tries again.
            LogLastReadWriteFailed(exception, ProfileId);
        }
        finally
        {
            _writingLastRead = false;
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "A profile was erased on request (held a stored copy: {HeldProfile})")]
    private partial void LogErased(bool heldProfile);

    // No id: the person asked to be forgotten.
    [LoggerMessage(Level = LogLevel.Information, Message = "A suppressed profile's {Write} was dropped")]
    private partial void LogSuppressedWriteDropped(string write);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Profile {ProfileId}: its last read could not be recorded; retried later")]
    private partial void LogLastReadWriteFailed(Exception exception, string profileId);
}
