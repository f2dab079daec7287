using Juicebox.Grains.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Juicebox.ClientApi.Hosting;

/// <summary>Cluster mode: an Orleans client that finds the silos in PostgreSQL's membership table.</summary>
internal static class ClusterModeExtensions
{
    /// <summary>The configuration section bound to Orleans' <see cref="GatewayOptions"/>.</summary>
    public const string GatewaySection = JuiceboxClusterOptions.SectionName + ":Gateway";

    private static readonly TimeSpan ConnectRetryDelay = TimeSpan.FromSeconds(2);

    // Orleans reads the gateway list once a minute; a silo that joins should take client traffic within seconds.
    private static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);

    public static void AddClusterMode(this WebApplicationBuilder builder, string connectionString)
    {
        var cluster = builder.Configuration.GetSection(JuiceboxClusterOptions.SectionName).Get<JuiceboxClusterOptions>() ?? new();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = cluster.ServiceId;
            });
            client.UseJuiceboxPostgresClustering(connectionString);
            client.Services.AddOptions<GatewayOptions>()
                .Configure(options => options.GatewayListRefreshPeriod = GatewayListRefreshPeriod)
                .Bind(builder.Configuration.GetSection(GatewaySection))
                .ValidateOnStart();
            client.Services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();

            // Serves the dashboard at /dashboard from what the silos collect (see DashboardApi).
            client.AddDashboard();

            // The API may start before any silo: keep trying instead of failing start-up.
            client.UseConnectionRetryFilter(async (exception, cancellationToken) =>
            {
                await Task.Delay(ConnectRetryDelay, cancellationToken);
                return true;
            });
        });
    }
}
