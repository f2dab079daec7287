using System.Text.Json.Serialization;
using Juicebox.Sandbox.Accounts;
using Juicebox.Sandbox.Api;
using Juicebox.Sandbox.Corpus;
using Juicebox.Sandbox.Faults;
using Juicebox.Sandbox.Search;
using Juicebox.Sandbox.Stats;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Juicebox.Sandbox;

/// <summary>The sandbox's wiring, shared by its own process and <see cref="SandboxServer"/>.</summary>
public static class SandboxApplicationExtensions
{
    /// <summary>
    /// Adds the sandbox's services, with options bound from the <c>Sandbox</c> configuration section
    /// and then passed to <paramref name="configure"/>.
    /// </summary>
    public static IHostApplicationBuilder AddJuiceboxSandbox(this IHostApplicationBuilder builder, Action<SandboxOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SandboxCorpus>();
        builder.Services.AddHostedService<CorpusWarmup>();
        builder.Services.AddSingleton<SearchEngine>();
        builder.Services.AddSingleton<ApiKeyRegistry>();
        builder.Services.AddSingleton<UsageTracker>();
        builder.Services.AddSingleton<FaultState>();
        builder.Services.AddSingleton<SandboxStats>();
        builder.Services.AddSingleton<Webhooks.WebhookSender>();
        // Per-request framework logs would drown a benchmark; the sandbox logs its own failures.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            json.SerializerOptions.Converters.Add(new UtcTimestampConverter());
        });
        return builder;
    }

    /// <summary>Adds the sandbox's middleware and maps <c>/v1/*</c> and <c>/_sandbox/*</c>.</summary>
    public static WebApplication UseJuiceboxSandbox(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRouting();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(ApiPaths.Prefix),
            api => api
                .UseMiddleware<StatsMiddleware>()
                .UseMiddleware<ErrorEnvelopeMiddleware>()
                .UseMiddleware<ApiGatewayMiddleware>()
                .UseMiddleware<FaultInjectionMiddleware>());

        app.MapGroup(ApiPaths.Prefix)
            .WithMetadata(ContractCallMetadata.Instance)
            .MapHealthApi()
            .MapAccountApi()
            .MapSearchApi()
            .MapProfilesApi()
            .MapEnrichApi();
        app.MapSandboxAdminApi();
        return app;
    }
}
