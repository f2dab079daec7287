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
            if (_setbacks is not null || value != default)
            {
                (_setbacks ??= new ProfileSetbacks()).NotFoundUntil = value;
                DropSetbacksWhenClear();
            }
        }
    }

    private DateTimeOffset NextRefreshAttempt
    {
        get => _setbacks?.NextRefreshAttempt ?? default;
        set
        {
            if (_setbacks is not null || value != default)
            {
                (_setbacks ??= new ProfileSetbacks()).NextRefreshAttempt = value;
                DropSetbacksWhenClear();
            }
        }
    }

    private UpstreamError? RefreshError
    {
        get => _setbacks?.RefreshError;
        set
        {
            if (_setbacks is not null || value is not null)
            {
                (_setbacks ??= new ProfileSetbacks()).RefreshError = value;
                DropSetbacksWhenClear();
            }
        }
    }

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
