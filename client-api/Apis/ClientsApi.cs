using System.Text.Json.Serialization;
using Juicebox.ClientApi.Auth;
using Juicebox.ClientApi.OpenApi;
using Juicebox.GrainInterfaces.Clients;

namespace Juicebox.ClientApi.Apis;

/// <summary>The operator's view of the API's clients: scopes and what each has used of its fair share; never a key or its hash.</summary>
public static class ClientsApi
{
    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGroup("api/v1/operator").WithTags(ApiTags.Operator).RequireScope(ApiScopes.Operator)
            .MapGet("clients", GetClientsAsync)
            .WithName("GetClients")
            .WithSummary("Every configured client: its scopes, requests this minute and enrichments this month against its limits.")
            .WithDescription(
                "Counts are kept only for limited clients: requestsThisMinute is null without a RequestsPerMinute, enrichmentsThisMonth "
                + "without an EnrichmentsPerMonth. requestsThisMinute counts permits leased to client-api replicas, which is at most "
                + "one batch per replica more than the requests admitted.")
            .Produces<ClientsResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Ok<ClientsResponse>> GetClientsAsync(ApiClientRegistry clients, GrainReads reads, HttpContext context)
    {
        var statuses = await Task.WhenAll(clients.Clients.Select(client => DescribeAsync(client, reads, context.RequestAborted)));
        return TypedResults.Ok(new ClientsResponse(statuses));
    }

    private static async Task<ClientStatusResponse> DescribeAsync(ApiClient client, GrainReads reads, CancellationToken cancellationToken)
    {
        var requests = client.RequestsPerMinute is null
            ? Task.FromResult<int?>(null)
            : CountAsync(reads, grains => grains.GetGrain<IClientRateGrain>(client.Name).GetLeasedThisMinuteAsync(), cancellationToken);
        var enrichments = client.EnrichmentsPerMonth is null
            ? Task.FromResult<int?>(null)
            : CountAsync(reads, grains => grains.GetGrain<IClientUsageGrain>(client.Name).GetUsedThisMonthAsync(), cancellationToken);
        return new ClientStatusResponse(
            client.Name,
            client.Scopes,
            client.RequestsPerMinute,
            await requests,
            client.EnrichmentsPerMonth,
            await enrichments);
    }

    private static async Task<int?> CountAsync(GrainReads reads, Func<IGrainFactory, Task<int>> read, CancellationToken cancellationToken) =>
        await reads.ReadAsync(read, cancellationToken);
}

/// <summary>The answer of <c>GET /api/v1/operator/clients</c>.</summary>
public sealed record ClientsResponse(IReadOnlyList<ClientStatusResponse> Clients);

/// <summary>One client: what it may do and what it has used; null counts are not kept (no limit).</summary>
public sealed record ClientStatusResponse(
    string Name,
    IReadOnlyList<string> Scopes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? RequestsPerMinute,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? RequestsThisMinute,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? EnrichmentsPerMonth,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? EnrichmentsThisMonth);
