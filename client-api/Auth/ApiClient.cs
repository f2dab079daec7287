namespace Juicebox.ClientApi.Auth;

/// <summary>A client as the API knows it once its key matched: never the key itself.</summary>
/// <param name="RequestsPerMinute">Null: no limit.</param>
/// <param name="EnrichmentsPerMonth">Null: no limit.</param>
public sealed record ApiClient(string Name, IReadOnlyList<string> Scopes, int? RequestsPerMinute, int? EnrichmentsPerMonth);
