using Juicebox.Client;
using Juicebox.Client.Configuration;
using Juicebox.Client.Http;
using Juicebox.Client.Resilience;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the typed Juicebox client.</summary>
public static class JuiceboxClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IJuiceboxClient"/> as a typed <see cref="HttpClient"/> client: options
    /// bound from <paramref name="configSectionPath"/> and validated at start-up, the base address
    /// and bearer key from them, and a resilience pipeline (total and per-attempt timeouts, retries
    /// where a call is safe to repeat, a circuit breaker).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configSectionPath">
    /// The configuration section of <see cref="JuiceboxOptions"/>; with the default, the
    /// <c>Juicebox__BaseUrl</c> and <c>Juicebox__ApiKey</c> environment variables set it.
    /// </param>
    /// <returns>
    /// The client's builder. Handlers added to it run inside the resilience pipeline, once per
    /// attempt (a shared rate limiter belongs there).
    /// </returns>
    /// <remarks>
    /// HttpClientFactory's default loggers are replaced by one that logs no headers: theirs keep
    /// every header value, the key included, in the state of their Trace records. Adding them
    /// back with <c>AddDefaultLogger</c> would undo that. A resilience handler that a host adds to
    /// every client through <c>ConfigureHttpClientDefaults</c> is removed from this one, because
    /// it would retry calls that spend quota.
    /// </remarks>
    public static IHttpClientBuilder AddJuiceboxClient(this IServiceCollection services, string configSectionPath = JuiceboxOptions.DefaultSectionName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(configSectionPath);

        services.AddOptions<JuiceboxOptions>().BindConfiguration(configSectionPath).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JuiceboxOptions>>(new JuiceboxOptionsValidator(configSectionPath)));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<JuiceboxCircuitTracker>();
        services.TryAddSingleton<IJuiceboxCircuitState>(provider => provider.GetRequiredService<JuiceboxCircuitTracker>());
        services.TryAddTransient<JuiceboxTransportErrorHandler>();
        services.TryAddTransient<JuiceboxAuthHandler>();
        services.TryAddSingleton<JuiceboxHttpLogger>();

        var builder = services.AddHttpClient<IJuiceboxClient, JuiceboxClient>(static (provider, client) =>
        {
            var options = provider.GetRequiredService<IOptionsMonitor<JuiceboxOptions>>().CurrentValue;
            client.BaseAddress = options.GetBaseAddress();

            // The pipeline's total timeout governs the handlers; this only bounds reading the body,
            // which HttpClient does after they return.
            client.Timeout = options.Resilience.TotalTimeout + options.Resilience.AttemptTimeout;
        });

        // The default loggers put every header, the key included, into their records' state.
        builder.RemoveAllLoggers().AddLogger<JuiceboxHttpLogger>();

        // Should a host add the default loggers back, their messages at least hide the key;
        // post-configured so that a host's own RedactLoggedHeaders cannot switch that off.
        services.PostConfigure<HttpClientFactoryOptions>(builder.Name, static factory =>
        {
            var redactOthers = factory.ShouldRedactHeaderValue;
            factory.ShouldRedactHeaderValue = header =>
                string.Equals(header, "Authorization", StringComparison.OrdinalIgnoreCase) || redactOthers(header);
        });

        // Outermost first: transport failures are translated outside the pipeline, and the key is
        // set inside it, on every attempt. A host's ConfigureHttpClientDefaults may have added a
        // standard resilience handler; it would retry enrichment after a 500, so it goes.
        builder.AddHttpMessageHandler<JuiceboxTransportErrorHandler>();
#pragma warning disable EXTEXP0001 // Experimental, but the only way to undo a handler added by ConfigureHttpClientDefaults.
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.AddResilienceHandler(JuiceboxResiliencePipeline.Name, JuiceboxResiliencePipeline.Configure);
        builder.AddHttpMessageHandler<JuiceboxAuthHandler>();

        return builder;
    }
}
