namespace Juicebox.ClientApi.Auth;

/// <summary>One client of the API: its key, what it may do and its fair share; section <c>Api:Clients:{name}</c>.</summary>
public sealed class ApiClientOptions
{
    /// <summary>The client's bearer key, 12+ characters (<c>Api__Clients__{name}__Key</c>); or give <see cref="KeySha256"/> instead.</summary>
    public string? Key { get; set; }

    /// <summary>
    /// The lower- or upper-case hex SHA-256 of the UTF-8 key (<c>Api__Clients__{name}__KeySha256</c>), so that
    /// the configuration holds no key; exactly one of <see cref="Key"/> and this is set.
    /// </summary>
    public string? KeySha256 { get; set; }

    /// <summary>Its scopes, from <see cref="ApiScopes.All"/> (<c>Api__Clients__{name}__Scopes__0</c>, ...).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Requests it may make per minute over all replicas (<c>Api__Clients__{name}__RequestsPerMinute</c>); unset: no limit.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Profiles it may have enriched per calendar month, UTC (<c>Api__Clients__{name}__EnrichmentsPerMonth</c>); unset: no limit.</summary>
    public int? EnrichmentsPerMonth { get; set; }
}
