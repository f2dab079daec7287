using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Juicebox.ClientApi.RateLimiting;

/// <summary>Wires each client's request rate (<c>Api:Clients:{name}:RequestsPerMinute</c>) into ASP.NET Core's rate limiting.</summary>
internal static class ClientRateLimitingExtensions
{
    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<ClusterClientRateLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<ClusterClientRateLimiter>((options, limiter) =>
        {
            options.GlobalLimiter = limiter;
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"The client '{context.User.Identity?.Name}' has made all the requests its limit allows this minute; retry in {seconds} s.",
                Type = "https://juicebox.local/problems/client-rate-limited",
            },
        });
    }
}
