using System.Globalization;
using Juicebox.ClientApi.Auth;
using Juicebox.GrainInterfaces.Clients;

namespace Juicebox.ClientApi.Apis;

/// <summary>
/// Where every enrichment request of the API enters the cluster: straight to the coordinator for a
/// client without an allowance, through its usage grain (<see cref="IClientUsageGrain"/>) for one with.
/// </summary>
public sealed class EnrichmentSubmissions(ApiClientRegistry clients, IGrainFactory grains)
{
    /// <summary>
    /// Queues a job of <paramref name="profileIds"/> for the request's client. Null when the client's
    /// allowance left none of them (<paramref name="exhausted"/> then says until when); invalid ids
    /// throw <see cref="ArgumentException"/> as the coordinator does.
    /// </summary>
    public async Task<(EnrichmentJobAccepted? Job, DateTimeOffset? Exhausted)> SubmitAsync(IReadOnlyList<string> profileIds, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity?.Name is { } name && clients.Get(name) is { EnrichmentsPerMonth: { } allowance })
        {
            var submission = await grains.GetGrain<IClientUsageGrain>(name).SubmitAsync(profileIds, allowance);
            return submission.Job is null ? (null, submission.MonthEnd) : (submission.Job, null);
        }

        var coordinator = grains.GetGrain<IEnrichmentCoordinatorGrain>(0);
        var owner = JobVisibility.OwnerOf(context.User);
        return (owner is null ? await coordinator.SubmitAsync(profileIds) : await coordinator.SubmitAsync(profileIds, owner), null);
    }

    /// <summary>The 429 of a client whose monthly allowance is used up.</summary>
    public static ProblemHttpResult AllowanceExhausted(DateTimeOffset monthEnd, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = Math.Max(1, (long)Math.Ceiling((monthEnd - DateTimeOffset.UtcNow).TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Enrichment allowance used up",
            detail: $"The client '{context.User.Identity?.Name}' has used its monthly enrichment allowance; it starts afresh at {monthEnd:yyyy-MM-dd}T00:00:00Z.",
            type: "https://juicebox.local/problems/enrichment-allowance-exhausted",
            extensions: new Dictionary<string, object?> { ["resetsAt"] = monthEnd });
    }
}
