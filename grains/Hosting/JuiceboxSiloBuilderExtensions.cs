using Juicebox.Grains;
using Juicebox.Grains.Hosting;
using Juicebox.Grains.Persistence;
using Juicebox.Grains.Profiles;
using Juicebox.Grains.ReadCache;
using Juicebox.Grains.Telemetry;
using Juicebox.Grains.Upstream;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Orleans.Hosting;

/// <summary>The one place a silo gets Juicebox's grains, storage and upstream client.</summary>
public static class JuiceboxSiloBuilderExtensions
{
    /// <summary>
    /// Adds the Juicebox grains, their options, the Juicebox API client and grain storage: PostgreSQL
    /// when <c>ConnectionStrings:Postgres</c> is set, in-memory otherwise. Clustering is the host's choice.
    /// </summary>
    public static ISiloBuilder AddJuiceboxGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);

        var services = silo.Services;
        services.AddOptions<ProfileCacheOptions>().Bind(configuration.GetSection(ProfileCacheOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProfileCacheOptions>, ProfileCacheOptionsValidator>());
        services.TryAddKeyedSingleton(JuiceboxServiceKeys.CacheClock, TimeProvider.System);
        services.TryAddSingleton<ProfileGrainServices>();
        services.TryAddSingleton<ProfileChangeNotifier>();

        // Every metered upstream attempt asks the cluster's one budget grain for a slot first.
        services.AddOptions<UpstreamBudgetOptions>().Bind(configuration.GetSection(UpstreamBudgetOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UpstreamBudgetOptions>, UpstreamBudgetOptionsValidator>());
        services.TryAddKeyedSingleton(JuiceboxServiceKeys.UpstreamClock, TimeProvider.System);
        services.TryAddTransient<ClusterRateLimitHandler>();
        silo.AddJuiceboxTelemetry();
        services.AddJuiceboxClient().AddHttpMessageHandler<ClusterRateLimitHandler>().AddHttpMessageHandler<UpstreamTelemetryHandler>();
        services.AddHostedService<UpstreamCircuitReporter>();
        silo.AddJuiceboxEnrichment(configuration);
        silo.AddJuiceboxLocalQueries(configuration);
        silo.AddJuiceboxSearch(configuration);
        silo.AddJuiceboxPrivacy(configuration);
        services.AddJuiceboxClientUsageStore(JuiceboxConnectionStrings.GetPostgres(configuration));

        // Every silo reports its grain calls to the Orleans Dashboard, which client-api serves at /dashboard.
        silo.AddDashboard();

        var idleAfter = configuration.GetSection(ProfileCacheOptions.SectionName).Get<ProfileCacheOptions>()?.IdleDeactivationAfter
            ?? new ProfileCacheOptions().IdleDeactivationAfter;
        // An age Orleans would refuse is left out, so that the options validator names the setting.
        services.Configure<GrainCollectionOptions>(collection =>
        {
            if (idleAfter > collection.CollectionQuantum)
            {
                collection.ClassSpecificCollectionAge[typeof(ProfileGrain).FullName!] = idleAfter;
            }
        });

        // Whatever a grain meets of an absent database crosses the wire as StorageUnavailableException (client-api: 503 + Retry-After).
        silo.AddIncomingGrainCallFilter<StorageUnavailableCallFilter>();
        if (JuiceboxConnectionStrings.GetPostgres(configuration) is { } connectionString)
        {
            silo.AddJuiceboxPostgresStorage(connectionString, StorageNames.All);
            StorageUnavailableGrainStorage.Decorate(services, StorageNames.All);

            // The profiles table is on the same database (AddJuiceboxLocalQueries): an activation reads its row's version with its state.
            services.TryAddSingleton<IProfileStateReader, PostgresProfileStateReader>();
        }
        else
        {
            foreach (var name in StorageNames.All)
            {
                silo.AddMemoryGrainStorage(name);
            }

            services.TryAddSingleton<IProfileStateReader, GrainStorageProfileStateReader>();
        }

        return silo;
    }
}
