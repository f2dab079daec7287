namespace Juicebox.Grains.Profiles;

/// <summary>
/// What the grain remembers about the upstream's refusals: an unknown id until when, and the last
/// failed refresh with its retry time. A hot profile has none of them, so they live in an object made
/// only when one is set and dropped once all are clear again (instead of 40 B in every grain).
/// </summary>
public sealed partial class ProfileGrain
{
    private DateTimeOffset NotFoundUntil
    {
        get => _setbacks?.NotFoundUntil ?? default;
        set
        {
            SetbacksToWrite(value != default)?.NotFoundUntil = value;
            DropSetbacksWhenClear();
        }
    }

    private DateTimeOffset NextRefreshAttempt
    {
        get => _setbacks?.NextRefreshAttempt ?? default;
        set
        {
            SetbacksToWrite(value != default)?.NextRefreshAttempt = value;
            DropSetbacksWhenClear();
        }
    }

    private UpstreamError? RefreshError
    {
        get => _setbacks?.RefreshError;
        set
        {
            SetbacksToWrite(value is not null)?.RefreshError = value;
            DropSetbacksWhenClear();
        }
    }

    /// <summary>The object a setback is written to: made for a value that is set; none when a clear value meets none.</summary>
    private ProfileSetbacks? SetbacksToWrite(bool settingAValue) => settingAValue ? _setbacks ??= new ProfileSetbacks() : _setbacks;

    private void DropSetbacksWhenClear()
    {
        if (_setbacks is { RefreshError: null } setbacks && setbacks.NotFoundUntil == default && setbacks.NextRefreshAttempt == default)
        {
            _setbacks = null;
        }
    }

    private sealed class ProfileSetbacks
    {
        public DateTimeOffset NotFoundUntil { get; set; }

        public DateTimeOffset NextRefreshAttempt { get; set; }

        public UpstreamError? RefreshError { get; set; }
    }
}
