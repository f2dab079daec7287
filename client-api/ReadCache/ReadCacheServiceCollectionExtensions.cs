using Juicebox.ClientApi.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Juicebox.ClientApi.ReadCache;

/// <summary>Registers client-api's read cache; it registers with the cluster, and so serves, only in Cluster mode and when enabled.</summary>
internal static class ReadCacheServiceCollectionExtensions
{
    public static IServiceCollection AddReadCache(this IServiceCollection services, IConfiguration configuration, HostingMode mode)
    {
        services.AddOptions<ReadCacheOptions>().Bind(configuration.GetSection(ReadCacheOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReadCacheOptions>, ReadCacheOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ProfileReadCache>();
        var enabled = configuration.GetSection(ReadCacheOptions.SectionName).Get<ReadCacheOptions>()?.Enabled ?? true;
        if (mode == HostingMode.Cluster && enabled)
        {
            services.AddHostedService<ReadCacheRegistrationService>();
        }

        return services;
    }
}
