using Juicebox.Grains.Hosting;
using Juicebox.Grains.Persistence;
using Juicebox.Grains.Privacy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Orleans.Hosting;

/// <summary>Gives a silo erasure, suppression, retention, the audit log and Juicebox's webhooks.</summary>
public static class PrivacySiloBuilderExtensions
{
    /// <summary>
    /// Registers the privacy services, options <c>Privacy:*</c>: the suppression list, audit log and
    /// webhook event ids in PostgreSQL when <c>ConnectionStrings:Postgres</c> is set, in memory otherwise;
    /// and the retention job's scheduler. Stores the host registered already are kept.
    /// </summary>
    public static ISiloBuilder AddJuiceboxPrivacy(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);

        var services = silo.Services;
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>());
        services.TryAddSingleton<SuppressionHasher>();
        services.TryAddSingleton<ProfileSuppression>();
        services.AddHostedService<RetentionScheduler>();

        if (JuiceboxConnectionStrings.GetPostgres(configuration) is { } connectionString)
        {
            JuiceboxPostgresDataSource.TryAdd(services, connectionString, "juicebox-silo");
            services.AddJuiceboxSchemaMigration();
            services.TryAddSingleton<ISuppressionStore, PostgresSuppressionStore>();
            services.TryAddSingleton<IAuditStore, PostgresAuditStore>();
            services.TryAddSingleton<IWebhookEventLog, PostgresWebhookEventLog>();
        }
        else
        {
            services.TryAddSingleton<ISuppressionStore, InMemorySuppressionStore>();
            services.TryAddSingleton<IAuditStore, InMemoryAuditStore>();
            services.TryAddSingleton<IWebhookEventLog, InMemoryWebhookEventLog>();
        }

        return silo;
    }
}
