using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Juicebox.ClientApi.ReadCache;

/// <summary>Registers client-api's read cache; it registers with the cluster, and so serves, when enabled, in every hosting mode.</summary>
internal static class ReadCacheServiceCollectionExtensions
{
    public static IServiceCollection AddReadCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReadCacheOptions>().Bind(configuration.GetSection(ReadCacheOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReadCacheOptions>, ReadCacheOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ProfileReadCache>();
        if (configuration.GetSection(ReadCacheOptions.SectionName).Get<ReadCacheOptions>()?.Enabled ?? true)
        {
            services.AddHostedService<ReadCacheRegistrationService>();
        }

        return services;
    }
}
