using Orleans.Runtime;

namespace Juicebox.ClientApi.Apis;

/// <summary>The cluster as its membership sees it: every silo that joined it and is still on record.</summary>
/// <param name="ActiveSilos">Silos in status <c>active</c>.</param>
/// <param name="Activations">Grain activations over the active silos that answered.</param>
/// <param name="Silos">Active silos first, then the others; newest first within each.</param>
public sealed record ClusterStatusResponse(int ActiveSilos, int Activations, IReadOnlyList<SiloStatusResponse> Silos);

/// <summary>One silo: its membership entry and, while it is active, what it hosts.</summary>
/// <param name="Address">Silo address as Orleans writes it (<c>ip:port@generation</c>).</param>
/// <param name="Status">Membership status: <c>joining</c>, <c>active</c>, <c>shuttingDown</c>, <c>stopping</c>, <c>dead</c>.</param>
/// <param name="GatewayPort">Where clients connect (0: not a gateway).</param>
/// <param name="HeartbeatAt">The silo's last "I am alive" write to the membership table.</param>
/// <param name="Activations">Grain activations it hosts; null when it is not active or did not answer in time.</param>
/// <param name="ActivationsByType">The same, by grain class.</param>
/// <param name="Clients">Clients (client-api instances) connected to it as their gateway.</param>
/// <param name="SuspectedBy">Silos that currently vote it dead.</param>
/// <param name="Unreachable">Why its statistics are missing, when it is active but did not answer.</param>
public sealed record SiloStatusResponse(
    string Address,
    string Name,
    string HostName,
    SiloStatus Status,
    int GatewayPort,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    int? Activations,
    IReadOnlyDictionary<string, int>? ActivationsByType,
    long? Clients,
    IReadOnlyList<string> SuspectedBy,
    string? Unreachable);
