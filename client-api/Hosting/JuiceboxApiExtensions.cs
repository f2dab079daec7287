using Juicebox.ClientApi.Apis;
using Juicebox.ClientApi.Auditing;
using Juicebox.ClientApi.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Juicebox.ClientApi.Auth;
using Juicebox.ClientApi.Health;
using Juicebox.ClientApi.RateLimiting;
using Juicebox.ClientApi.OpenApi;
using Juicebox.ClientApi.ReadCache;
using Juicebox.ClientApi.Telemetry;
using Juicebox.GrainInterfaces.LocalQueries;
using Juicebox.GrainInterfaces.Search;
using Juicebox.Grains.Hosting;
using Juicebox.Grains.Hosting.Shutdown;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Polly;
using Polly.Telemetry;
using Scalar.AspNetCore;

namespace Juicebox.ClientApi.Hosting;

/// <summary>Wires client-api: its hosting mode, auth, problem details, health and the endpoints.</summary>
public static class JuiceboxApiExtensions
{
    private const string ReadyTag = "ready";

    /// <summary>Adds every service client-api needs, in Embedded, Cluster or Co-hosted mode as configured.</summary>
    public static HostingMode AddJuiceboxApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.AddJuiceboxSockets(typeof(JuiceboxApiExtensions).Assembly);
        builder.AddJuiceboxShutdown();
        var mode = HostingModes.Detect(builder.Configuration);
        var connectionString = JuiceboxConnectionStrings.GetPostgres(builder.Configuration);
        builder.Services.AddOptions<CoHostingOptions>().Bind(builder.Configuration.GetSection(CoHostingOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CoHostingOptions>, CoHostingOptionsValidator>();
        switch (mode)
        {
            case HostingMode.Embedded:
                builder.AddEmbeddedMode();
                break;
            case HostingMode.CoHosted:
                builder.AddCoHostedMode();
                break;
            default:
                builder.AddClusterMode(connectionString!);
                break;
        }

        // After the Orleans client or the embedded silo: hosted services stop in reverse order, so
        // requests in flight finish while the cluster connection still exists.
        builder.Services.AddReadCache(builder.Configuration);
        builder.Services.AddSingleton<RequestDrain>();
        builder.Services.AddHostedService<RequestDrainService>();

        builder.AddJuiceboxTelemetry("juicebox-api");
        builder.AddWebConsole();

        // What server software answers is nobody's business but ours.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        var services = builder.Services;
        services.AddProblemDetails();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, ProblemJsonFallbackWriter>());
        services.AddExceptionHandler<ClusterUnavailableExceptionHandler>();
        services.AddExceptionHandler<StorageUnavailableExceptionHandler>();
        services.AddJuiceboxRequestLimits(builder.Configuration);
        services.ConfigureHttpJsonOptions(json => ProfileJson.Configure(json.SerializerOptions));

        services.AddOptions<ApiKeyAuthOptions>().Bind(builder.Configuration.GetSection(ApiKeyAuthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiKeyAuthOptions>, ApiKeyAuthOptionsValidator>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, OperatorBasicAuthenticationHandler>(OperatorBasicAuthenticationHandler.SchemeName, null);
        services.AddSingleton<ApiClientRegistry>();
        services.AddSingleton<ApiClientTickets>();
        services.AddSingleton<VerifiedKeyHeaders>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ScopeProblemResultHandler>();
        services.TryAddTransient<PolicyEvaluator>();
        services.Replace(ServiceDescriptor.Singleton<IPolicyEvaluator, ScopePolicyEvaluator>());
        var authorization = services.AddAuthorizationBuilder()
            .AddPolicy(DashboardApi.PolicyName, policy => policy
                .AddAuthenticationSchemes(OperatorBasicAuthenticationHandler.SchemeName)
                .RequireClaim(ApiScopes.ClaimType, ApiScopes.Operator));
        foreach (var scope in ApiScopes.All)
        {
            authorization.AddPolicy(ApiScopes.PolicyName(scope), policy => policy.RequireClaim(ApiScopes.ClaimType, scope));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditTrail>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditTrail>());
        services.AddOptions<JuiceboxWebhookOptions>().Bind(builder.Configuration.GetSection(JuiceboxWebhookOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JuiceboxWebhookOptions>, JuiceboxWebhookOptionsValidator>();

        services.AddClientRateLimiting();
        services.AddSingleton<EnrichmentSubmissions>();
        services.AddGrainReads(builder.Configuration);
        services.Configure<TelemetryOptions>(telemetry => telemetry.ResultFormatter = SummarizeResults(telemetry.ResultFormatter));

        var health = services.AddHealthChecks()
            .AddCheck<ShutdownHealthCheck>(ShutdownHealthCheck.Name, tags: [ReadyTag])
            .AddCheck<ClusterHealthCheck>("cluster", tags: [ReadyTag]);
        if (connectionString is not null)
        {
            health.AddCheck("postgres", new PostgresHealthCheck(connectionString), tags: [ReadyTag]);
        }

        services.AddJuiceboxOpenApi();
        return mode;
    }

    /// <summary>
    /// The browsable docs try requests against the server that serves them, and in Embedded mode they
    /// come with the development key filled in.
    /// </summary>
    private static void ConfigureScalar(ScalarOptions scalar, ApiKeyAuthOptions keys)
    {
        scalar.Servers = [new ScalarServer("/", "This server")];
        scalar.DynamicBaseServerUrl = true;
        if (keys.Keys.Contains(ApiKeyAuthOptions.EmbeddedDevelopmentKey))
        {
            scalar.AddPreferredSecuritySchemes([BearerSecuritySchemeTransformer.SchemeName])
                .AddHttpAuthentication(BearerSecuritySchemeTransformer.SchemeName, scheme => scheme.Token = ApiKeyAuthOptions.EmbeddedDevelopmentKey);
        }
    }

    /// <summary>
    /// Polly logs the result of every attempt. A grain read's result is a person's profile (contact
    /// data included) or a page of people, which must not reach the logs: log what the read found,
    /// not what it returned.
    /// </summary>
    private static Func<ResilienceContext, object?, object?> SummarizeResults(Func<ResilienceContext, object?, object?> format) =>
        (context, result) => result switch
        {
            ProfileRead read => read.Outcome,
            ProfileQueryPage page => $"{page.Items.Count} profiles",
            SearchResult search => search.Outcome,
            ContactData => "a contact block",
            _ => format(context, result),
        };

    /// <summary>Adds the middleware and maps every endpoint of client-api.</summary>
    public static WebApplication MapJuiceboxApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // First, so that everything after it logs with the request's correlation id.
        app.UseMiddleware<CorrelationIdMiddleware>();
        var drain = app.Services.GetRequiredService<RequestDrain>();
        app.Use(drain.InvokeAsync);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebConsole();
        app.UseJuiceboxRequestShapeLimits();
        app.UseAuthentication();

        // After authentication, which names the client whose share a request spends.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseJuiceboxRequestBodyLimits();

        app.MapOpenApi();
        app.MapScalarApiReference(scalar => ConfigureScalar(scalar, app.Services.GetRequiredService<IOptions<ApiKeyAuthOptions>>().Value));
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = static check => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResultStatusCodes = { [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable },
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        app.MapJuiceboxMetrics();
        app.MapJuiceboxDiagnostics();

        app.MapProfilesApi();
        app.MapEnrichmentsApi();
        app.MapEnrichmentResultsApi();
        app.MapSearchApi();
        app.MapOperatorApi();
        app.MapPrivacyApi();
        app.MapWebhooksApi();
        app.MapClientsApi();
        app.MapDashboardApi();
        app.MapClusterApi();
        return app;
    }
}
