using Microsoft.Extensions.DependencyInjection;

namespace Juicebox.Grains.Privacy;

/// <summary>
/// Whether profile ids are suppressed (erased within <see cref="PrivacyOptions.SuppressFor"/>): the
/// one check every path that would collect a person again makes first (reads, search results,
/// enrichment, warming). Ids go in as keyed hashes only.
/// </summary>
public sealed class ProfileSuppression(
    ISuppressionStore store,
    SuppressionHasher hasher,
    IOptions<PrivacyOptions> options,
    [FromKeyedServices(JuiceboxServiceKeys.CacheClock)] TimeProvider clock)
{
    /// <summary>Puts the id on the list for <see cref="PrivacyOptions.SuppressFor"/> from now; returns until when.</summary>
    public async Task<DateTimeOffset> SuppressAsync(string profileId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var until = now + options.Value.SuppressFor;
        await store.AddAsync(hasher.Hash(profileId), now, until, cancellationToken);
        return until;
    }

    public async Task<bool> IsSuppressedAsync(string profileId, CancellationToken cancellationToken = default) =>
        (await store.FindAsync([hasher.Hash(profileId)], clock.GetUtcNow(), cancellationToken)).Count > 0;

    /// <summary>The suppressed ids among <paramref name="profileIds"/> (one round trip).</summary>
    public async Task<IReadOnlySet<string>> FindSuppressedAsync(IReadOnlyList<string> profileIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profileIds);
        if (profileIds.Count == 0)
        {
            return new HashSet<string>();
        }

        var hashes = profileIds.Select(hasher.Hash).ToList();
        var found = await store.FindAsync(hashes, clock.GetUtcNow(), cancellationToken);
        return found.Select(index => profileIds[index]).ToHashSet(StringComparer.Ordinal);
    }

    public string Pseudonym(string profileId) => hasher.Pseudonym(profileId);
}
