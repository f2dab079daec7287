using Juicebox.ClientApi.Auth;
using Juicebox.ClientApi.OpenApi;
using Orleans.Runtime;

namespace Juicebox.ClientApi.Apis;

/// <summary>The operator's view of the cluster's silos: membership status and what each one hosts.</summary>
public static class ClusterApi
{
    // A silo that died but is not declared dead yet never answers; the others' figures should not wait for it.
    private static readonly TimeSpan SiloAnswerTimeout = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGroup("api/v1/operator").WithTags(ApiTags.Operator).RequireScope(ApiScopes.Operator)
            .MapGet("cluster", GetClusterAsync)
            .WithName("GetCluster")
            .WithSummary("Every silo on record with its membership status and, for active silos, activations by grain class and connected clients.")
            .WithDescription(
                "Active silos first, newest first within each status. activations, activationsByType and clients are absent for a silo that is " +
                "not active or did not answer within 2 s; unreachable then says why.");
        return app;
    }

    public static async Task<Ok<ClusterStatusResponse>> GetClusterAsync(GrainReads reads, IGrainFactory grains, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var members = await reads.ReadAsync(cluster => Management(cluster).GetDetailedHosts(onlyActive: false), cancellationToken);
        var silos = await Task.WhenAll(members
            .OrderBy(member => member.Status == SiloStatus.Active ? 0 : 1)
            .ThenByDescending(member => member.StartTime)
            .Select(member => DescribeAsync(Management(grains), member, cancellationToken)));
        return TypedResults.Ok(new ClusterStatusResponse(
            silos.Count(silo => silo.Status == SiloStatus.Active),
            silos.Sum(silo => silo.Activations ?? 0),
            silos));
    }

    private static async Task<SiloStatusResponse> DescribeAsync(IManagementGrain management, MembershipEntry member, CancellationToken cancellationToken)
    {
        int? activations = null;
        long? clients = null;
        IReadOnlyDictionary<string, int>? byType = null;
        string? unreachable = null;
        if (member.Status == SiloStatus.Active)
        {
            SiloAddress[] silo = [member.SiloAddress];
            try
            {
                var statistics = management.GetSimpleGrainStatistics(silo).WaitAsync(SiloAnswerTimeout, cancellationToken);
                var runtime = management.GetRuntimeStatistics(silo).WaitAsync(SiloAnswerTimeout, cancellationToken);
                byType = (await statistics)
                    .GroupBy(statistic => ShortName(statistic.GrainType))
                    .OrderBy(group => group.Key, StringComparer.Ordinal)
                    .ToDictionary(group => group.Key, group => group.Sum(statistic => statistic.ActivationCount), StringComparer.Ordinal);
                activations = byType.Values.Sum();
                clients = (await runtime).FirstOrDefault()?.ClientCount;
            }
            catch (Exception exception) when (exception is TimeoutException or OrleansException or SiloUnavailableException)
            {
                unreachable = $"{exception.GetType().Name}: the silo did not answer within {SiloAnswerTimeout.TotalSeconds:0} s.";
            }
        }

        return new SiloStatusResponse(
            member.SiloAddress.ToParsableString(),
            member.SiloName,
            member.HostName,
            member.Status,
            member.ProxyPort,
            new DateTimeOffset(DateTime.SpecifyKind(member.StartTime, DateTimeKind.Utc)),
            new DateTimeOffset(DateTime.SpecifyKind(member.IAmAliveTime, DateTimeKind.Utc)),
            activations,
            byType,
            clients,
            [.. (member.SuspectTimes ?? []).Select(vote => vote.Item1.ToParsableString()).Distinct()],
            unreachable);
    }

    private static IManagementGrain Management(IGrainFactory grains) => grains.GetGrain<IManagementGrain>(0);

    // Orleans names grain classes with their namespace (and arity); the class name is what an operator looks for.
    private static string ShortName(string grainType)
    {
        var name = grainType.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
