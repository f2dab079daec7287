using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Juicebox.EndToEnd.Tests.Topology;

/// <summary>What <c>GET /api/v1/operator/cluster</c> answered.</summary>
public sealed record ClusterView(int ActiveSilos, int Activations, IReadOnlyList<SiloView> Silos)
{
    /// <summary>The newest entry of the silo listening on <paramref name="silo"/>'s silo port; null when it never joined.</summary>
    public SiloView? Find(JuiceboxHost silo) => Silos
        .Where(view => view.SiloPort == silo.SiloPort)
        .MaxBy(view => view.StartedAt);

    public override string ToString() =>
        string.Join("; ", Silos.Where(silo => silo.Status != "dead").Select(silo => silo.ToString()));
}

/// <summary>One silo of a <see cref="ClusterView"/>.</summary>
public sealed record SiloView(
    string Address,
    string Status,
    int GatewayPort,
    DateTimeOffset StartedAt,
    int? Activations,
    IReadOnlyDictionary<string, int>? ActivationsByType,
    long? Clients,
    string? Unreachable)
{
    /// <summary>The silo port in <c>ip:port@generation</c>.</summary>
    public int SiloPort => int.Parse(Address.Split('@')[0].Split(':')[^1], CultureInfo.InvariantCulture);

    public int ActivationsOf(string grainClass) => ActivationsByType?.GetValueOrDefault(grainClass) ?? 0;

    public override string ToString() =>
        $"{Address} {Status}: {Activations?.ToString(CultureInfo.InvariantCulture) ?? "-"} activations "
        + $"({ActivationsOf(ClusterViewClientExtensions.ProfileGrain)} profiles), {Clients?.ToString(CultureInfo.InvariantCulture) ?? "-"} clients"
        + (Unreachable is null ? "" : $", unreachable: {Unreachable}");
}

/// <summary>Reads the cluster's silos through a client-api's operator endpoint.</summary>
public static class ClusterViewClientExtensions
{
    /// <summary>The grain class of a profile, as the endpoint names it.</summary>
    public const string ProfileGrain = "ProfileGrain";

    /// <summary><c>GET /api/v1/operator/cluster</c> (needs the operator key); null when the cluster could not answer (503).</summary>
    public static async Task<ClusterView?> TryGetClusterAsync(this HttpClient operatorApi, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operatorApi);

        using var response = await operatorApi.GetAsync(new Uri("api/v1/operator/cluster", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET api/v1/operator/cluster answered {(int)response.StatusCode}: {body}");
        }

        return JsonSerializer.Deserialize<ClusterView>(body, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("GET api/v1/operator/cluster answered 200 without a body.");
    }

    /// <summary>As <see cref="TryGetClusterAsync"/>, but throws when the cluster could not answer.</summary>
    public static async Task<ClusterView> GetClusterAsync(this HttpClient operatorApi, CancellationToken cancellationToken) =>
        await operatorApi.TryGetClusterAsync(cancellationToken)
            ?? throw new InvalidOperationException("GET api/v1/operator/cluster answered 503.");
}
