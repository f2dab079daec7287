using Juicebox.Grains.LocalQueries;
using Juicebox.Grains.Privacy;
using Juicebox.Grains.ReadCache;
using Juicebox.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Juicebox.Grains.Profiles;

/// <summary>
/// The silo-wide services every profile grain uses, in one object: a grain holds one reference to it
/// instead of one per service (ten references, 80 B of every hot profile).
/// </summary>
public sealed class ProfileGrainServices(
    [FromKeyedServices(StorageNames.Profiles)] IGrainStorage storage,
    IProfileStateReader stateReader,
    IOptions<ProfileCacheOptions> cache,
    [FromKeyedServices(JuiceboxServiceKeys.CacheClock)] TimeProvider clock,
    IProfileIndex profileIndex,
    ProfileRowVersionReader rowVersions,
    IOptions<LocalQueriesOptions> localQueries,
    ProfileSuppression suppression,
    IOptions<PrivacyOptions> privacy,
    JuiceboxMetrics metrics,
    ProfileChangeNotifier readCaches)
{
    public IGrainStorage Storage { get; } = storage;

    /// <summary>Reads the state at activation, with the <c>profiles</c> row's version where it can.</summary>
    public IProfileStateReader StateReader { get; } = stateReader;

    public ProfileCacheOptions Cache { get; } = cache.Value;

    public TimeProvider Clock { get; } = clock;

    public IProfileIndex ProfileIndex { get; } = profileIndex;

    public ProfileRowVersionReader RowVersions { get; } = rowVersions;

    public IOptions<LocalQueriesOptions> LocalQueries { get; } = localQueries;

    public ProfileSuppression Suppression { get; } = suppression;

    public IOptions<PrivacyOptions> Privacy { get; } = privacy;

    public JuiceboxMetrics Metrics { get; } = metrics;

    /// <summary>Tells the front ends' read caches of changes.</summary>
    public ProfileChangeNotifier ReadCaches { get; } = readCaches;
}
