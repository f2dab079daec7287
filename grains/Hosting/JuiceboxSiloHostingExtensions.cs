using System.Net;
using Juicebox.Grains.Hosting;
using Juicebox.Grains.Hosting.Shutdown;
using Juicebox.Grains.Privacy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>Hosts a Juicebox silo: used by <c>silo/</c> and by client-api's Embedded mode.</summary>
public static class JuiceboxSiloHostingExtensions
{
    /// <summary>
    /// Runs a silo in this host. With <c>ConnectionStrings:Postgres</c> it joins the cluster in
    /// PostgreSQL's membership table; without it, it is a one-silo localhost cluster.
    /// </summary>
    public static IHostApplicationBuilder AddJuiceboxSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var configuration = builder.Configuration;
        builder.Services.AddOptions<JuiceboxClusterOptions>().Bind(configuration.GetSection(JuiceboxClusterOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<JuiceboxClusterOptions>, JuiceboxClusterOptionsValidator>();
        var cluster = configuration.GetSection(JuiceboxClusterOptions.SectionName).Get<JuiceboxClusterOptions>() ?? new();
        builder.Services.AddOptions<JuiceboxKubernetesOptions>().Bind(configuration.GetSection(JuiceboxKubernetesOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<JuiceboxKubernetesOptions>, JuiceboxKubernetesOptionsValidator>();
        var kubernetes = configuration.GetSection(JuiceboxKubernetesOptions.SectionName).Get<JuiceboxKubernetesOptions>() ?? new();

        builder.UseOrleans(silo =>
        {
            // Failure detection: Juicebox's defaults, then whatever Orleans:Membership (ClusterMembershipOptions) sets.
            silo.Services.AddOptions<ClusterMembershipOptions>()
                .Configure(JuiceboxMembershipDefaults.Apply)
                .Bind(configuration.GetSection(JuiceboxMembershipDefaults.SectionName))
                .ValidateOnStart();
            silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterMembershipOptions>, MembershipOptionsValidator>());

            if (JuiceboxConnectionStrings.GetPostgres(configuration) is { } connectionString)
            {
                silo.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = cluster.ClusterId;
                    options.ServiceId = cluster.ServiceId;
                });
                if (string.IsNullOrEmpty(cluster.AdvertisedIPAddress))
                {
                    silo.ConfigureEndpoints(cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
                }
                else
                {
                    silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedIPAddress), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
                }

                silo.UseJuiceboxPostgresClustering(connectionString);

                // Inert outside Kubernetes: only a pod that was given its name turns it on.
                if (kubernetes.IsOn(Environment.GetEnvironmentVariable))
                {
                    silo.UseKubernetesHosting();
                }

                // Every silo of a cluster must hash erased ids alike, so the development key is not enough.
                silo.Services.Configure<PrivacyOptions>(privacy => privacy.SuppressionKeyRequired = true);
            }
            else
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
            }

            // A value the validator refuses is left to it, so that it names the setting.
            if (cluster.HasValidDirectoryCacheSize)
            {
                silo.Configure<GrainDirectoryOptions>(directory => directory.CacheSize = cluster.DirectoryCacheSize);
            }

            // Names what a stop cut short by Hosting:ShutdownTimeout left undone.
            silo.Services.TryAddSingleton(_ => new ShutdownProgress(TimeProvider.System));
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloShutdownSteps>();

            silo.AddJuiceboxGrains(configuration);
            configure?.Invoke(silo);
        });

        return builder;
    }
}
