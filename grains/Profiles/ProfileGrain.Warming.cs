namespace Juicebox.Grains.Profiles;

/// <summary>
/// Warming from search results: a summary fills an empty grain (never replacing anything) and a full
/// profile fetched in the background replaces a summary or a stale copy, so the read that usually
/// follows a search is a hit.
/// </summary>
public sealed partial class ProfileGrain
{
    public async Task<ProfileWarming> WarmAsync(ProfileSummaryData summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        RequireOwnProfile(summary.Id, nameof(summary));

        var now = services.Clock.GetUtcNow();
        if (_fetch is { IsCompleted: false })
        {
            return ProfileWarming.Skipped;
        }

        if (Holds)
        {
            return _stored.State.SummaryOnly || now >= FreshUntil ? ProfileWarming.NeedsProfile : ProfileWarming.Fresh;
        }

        if (now < NotFoundUntil || await IsSuppressedAsync())
        {
            return ProfileWarming.Skipped;
        }

        Hold(ToSummaryProfile(summary));
        _stored.State.SummaryOnly = true;
        _stored.State.FetchedAt = now;
        _stored.State.ContentHash = null;
        await PersistAsync();
        return ProfileWarming.SummaryStored;
    }

    public async Task<bool> PrimeAsync(ProfileData profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        RequireOwnProfile(profile.Id, nameof(profile));

        // Like an enrichment, a primed copy waits for a refresh that is between its call and its write.
        if (_fetch is { IsCompleted: false } running)
        {
            await running.ContinueWith(static _ => { }, TaskScheduler.Current);
        }

        var now = services.Clock.GetUtcNow();
        var held = _stored.State.SummaryOnly ? null : Held();
        if (held is not null && (now < FreshUntil || held.UpdatedAt > profile.UpdatedAt))
        {
            return false;
        }

        if (!Holds && await IsSuppressedAsync())
        {
            return false;
        }

        var primed = SharedProfileStrings.Share(profile).WithContactOf(held);
        Hold(primed);
        _stored.State.FetchedAt = now;
        _stored.State.SummaryOnly = false;
        _stored.State.RefreshRequested = false;
        _stored.State.ContentHash = ProfileContentHash.Compute(primed);
        NotFoundUntil = default;
        RefreshError = null;
        _servedSinceActivation = true;
        await PersistAsync();
        return true;
    }

    private void RequireOwnProfile(string id, string parameterName)
    {
        if (!string.Equals(id, ProfileId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Data of profile {id} cannot be stored in profile {ProfileId}.", parameterName);
        }
    }

    private static ProfileData ToSummaryProfile(ProfileSummaryData summary) => new()
    {
        Id = summary.Id,
        Name = summary.Name,
        Title = summary.Title,
        Company = summary.Company,
        Location = summary.Location,
        LinkedinUrl = summary.LinkedinUrl,
        Skills = summary.Skills,
    };
}
