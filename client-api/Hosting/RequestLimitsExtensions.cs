using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Juicebox.ClientApi.Hosting;

/// <summary>Wires <see cref="RequestLimitsOptions"/>: Kestrel's limits, the request timeouts and the limit middleware.</summary>
public static class RequestLimitsExtensions
{
    /// <summary>Binds and validates <c>RequestLimits</c>, and configures Kestrel and the request timeouts from it.</summary>
    public static IServiceCollection AddJuiceboxRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<RequestLimitsOptions>().Bind(configuration.GetSection(RequestLimitsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RequestLimitsOptions>, RequestLimitsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>, RequestLimitsKestrelSetup>());
        services.AddExceptionHandler<RequestLimitsExceptionHandler>();
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<RequestLimitsOptions>>((timeouts, limits) =>
        {
            var timeout = limits.Value.RequestTimeout;
            timeouts.DefaultPolicy = new RequestTimeoutPolicy
            {
                Timeout = timeout,
                TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
                WriteTimeoutResponse = context => RequestLimitProblems.WriteTimeoutAsync(context, timeout),
            };
        });
        return services;
    }

    /// <summary>
    /// The limits that need no caller: URL and header sizes, and the timeout of every request but the
    /// event streams (which last as long as their job). Goes after routing and before authentication.
    /// </summary>
    public static WebApplication UseJuiceboxRequestShapeLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestShapeLimitMiddleware>();
        app.UseWhen(context => !EventStreamLimitMiddleware.IsEventStream(context.GetEndpoint()), timed => timed.UseRequestTimeouts());
        return app;
    }

    /// <summary>
    /// The limits of an authorized request: its route's body size, and the open event streams of its
    /// client. Goes after authorization, so that an unknown caller's body is never read.
    /// </summary>
    public static WebApplication UseJuiceboxRequestBodyLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseMiddleware<EventStreamLimitMiddleware>();
        return app;
    }
}
