using Juicebox.Grains.Hosting.Shutdown;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

/// <summary>The bounded, graceful stop every Juicebox host has (silo, client-api in both modes).</summary>
public static class JuiceboxShutdownExtensions
{
    /// <summary>
    /// Binds <c>Hosting:ShutdownTimeout</c>, gives the host's services most of it to stop
    /// (<see cref="HostOptions.ShutdownTimeout"/>) and ends the process when the stop outlasts it.
    /// </summary>
    public static IHostApplicationBuilder AddJuiceboxShutdown(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var services = builder.Services;
        services.AddOptions<JuiceboxHostingOptions>().Bind(builder.Configuration.GetSection(JuiceboxHostingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JuiceboxHostingOptions>, JuiceboxHostingOptionsValidator>());
        services.AddOptions<HostOptions>().Configure<IOptions<JuiceboxHostingOptions>>(
            (host, hosting) => host.ShutdownTimeout = hosting.Value.GracefulStopTimeout);
        services.TryAddSingleton(_ => new ShutdownProgress(TimeProvider.System));
        services.AddHostedService<ShutdownDeadline>();
        return builder;
    }
}
