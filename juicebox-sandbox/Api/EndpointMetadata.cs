namespace Juicebox.Sandbox.Api;

/// <summary>Marks an endpoint that answers without an API key (health).</summary>
internal sealed class AnonymousCallMetadata
{
    public static AnonymousCallMetadata Instance { get; } = new();
}

/// <summary>The scope a key needs to call an endpoint.</summary>
internal sealed record RequiredScopeMetadata(string Scope);

/// <summary>Marks the endpoints of the contract, which the stats count by path template.</summary>
internal sealed class ContractCallMetadata
{
    public static ContractCallMetadata Instance { get; } = new();
}
