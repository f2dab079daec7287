using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Juicebox.ClientApi.Auth;

internal sealed partial class ApiKeyAuthOptionsValidator : IValidateOptions<ApiKeyAuthOptions>
{
    private const int MinimumKeyLength = 12;

    public ValidateOptionsResult Validate(string? name, ApiKeyAuthOptions options)
    {
        var clients = ApiClientDefinition.From(options).ToList();
        if (clients.Count == 0)
        {
            return ValidateOptionsResult.Fail(
                "No API key is configured: set Api:Keys (environment Api__Keys__0=<key>) or a client's "
                + "Api:Clients:{name}:Key (environment Api__Clients__{name}__Key=<key>) so callers can authenticate.");
        }

        List<string> failures = [];
        foreach (var client in clients)
        {
            CheckClient(client, failures);
        }

        CheckNamesAreUnique(clients, failures);
        CheckKeysAreUnique(clients, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckClient(ApiClientDefinition client, List<string> failures)
    {
        var isNamed = client.Setting.StartsWith($"{ApiKeyAuthOptions.SectionName}:Clients:", StringComparison.Ordinal);
        var keySetting = isNamed ? client.Setting + ":Key" : client.Setting;
        if (isNamed && !ClientName().IsMatch(client.Name))
        {
            failures.Add($"{client.Setting}: a client's name is 1 to 64 letters, digits, '.', '_' or '-' (environment {ApiClientDefinition.Variable(client.Setting)}__Key).");
        }

        var hasKey = !string.IsNullOrEmpty(client.Key);
        var hasHash = !string.IsNullOrEmpty(client.KeySha256);
        if (isNamed && hasKey == hasHash)
        {
            failures.Add($"{client.Setting} needs exactly one of Key and KeySha256 (environment {ApiClientDefinition.Variable(keySetting)} "
                + $"or {ApiClientDefinition.Variable(client.Setting)}__KeySha256); it has {(hasKey ? "both" : "neither")}.");
        }
        else if (!hasHash && (string.IsNullOrWhiteSpace(client.Key) || client.Key!.Length < MinimumKeyLength))
        {
            failures.Add($"{keySetting} is shorter than {MinimumKeyLength} characters (environment {ApiClientDefinition.Variable(keySetting)}).");
        }
        else if (hasHash && ApiClientRegistry.KeyHash(client) is null)
        {
            failures.Add($"{client.Setting}:KeySha256 is not a SHA-256 in hex: 64 characters 0-9, a-f "
                + $"(environment {ApiClientDefinition.Variable(client.Setting)}__KeySha256; e.g. the output of: printf %s \"$KEY\" | sha256sum).");
        }

        if (!isNamed)
        {
            return;
        }

        var scopesVariable = $"{ApiClientDefinition.Variable(client.Setting)}__Scopes__0";
        if (client.Scopes.Count == 0)
        {
            failures.Add($"{client.Setting}:Scopes is empty: give the client at least one of {string.Join(", ", ApiScopes.All)} (environment {scopesVariable}).");
        }

        foreach (var unknown in client.Scopes.Where(scope => !ApiScopes.IsKnown(scope)))
        {
            failures.Add($"{client.Setting}:Scopes has the unknown scope '{unknown}'; the scopes are {string.Join(", ", ApiScopes.All)} (environment {scopesVariable}).");
        }

        if (client.RequestsPerMinute is <= 0)
        {
            failures.Add($"{client.Setting}:RequestsPerMinute must be at least 1, or unset for no limit "
                + $"(environment {ApiClientDefinition.Variable(client.Setting)}__RequestsPerMinute); got {client.RequestsPerMinute}.");
        }

        if (client.EnrichmentsPerMonth is < 0)
        {
            failures.Add($"{client.Setting}:EnrichmentsPerMonth must be 0 or more, or unset for no limit "
                + $"(environment {ApiClientDefinition.Variable(client.Setting)}__EnrichmentsPerMonth); got {client.EnrichmentsPerMonth}.");
        }
    }

    private static void CheckNamesAreUnique(List<ApiClientDefinition> clients, List<string> failures)
    {
        foreach (var clash in clients.GroupBy(client => client.Name, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1))
        {
            failures.Add($"{string.Join(" and ", clash.Select(client => client.Setting))} name the same client '{clash.Key}': "
                + $"the shorthand keys are named {ApiClientDefinition.ShorthandCallerPrefix}N and {ApiClientDefinition.ShorthandOperatorPrefix}N, choose another name.");
        }
    }

    // Compared by hash, so that a client given as KeySha256 clashes with one given the same key in plain text.
    private static void CheckKeysAreUnique(List<ApiClientDefinition> clients, List<string> failures)
    {
        var byHash = clients
            .Select(client => (Client: client, Hash: ApiClientRegistry.KeyHash(client)))
            .Where(entry => entry.Hash is { Length: SHA256.HashSizeInBytes })
            .GroupBy(entry => Convert.ToHexString(entry.Hash!), StringComparer.Ordinal);
        foreach (var clash in byHash.Where(group => group.Count() > 1))
        {
            failures.Add($"{string.Join(" and ", clash.Select(entry => entry.Client.Setting))} have the same key: "
                + "each client needs a key of its own, so that a request names exactly one client.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ClientName();
}
