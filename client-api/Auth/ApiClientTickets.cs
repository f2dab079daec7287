using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace Juicebox.ClientApi.Auth;

/// <summary>
/// The successful authentication of each client under each scheme, made once and handed to every request
/// with that client's key. Building a principal with its claims, a ticket and a task per request was the
/// largest allocation of a hot profile read after the profile itself (see docs/benchmarks.md).
/// </summary>
public sealed class ApiClientTickets
{
    private readonly ConcurrentDictionary<(ApiClient Client, string Scheme), Task<AuthenticateResult>> _results = new();

    public Task<AuthenticateResult> SuccessFor(ApiClient client, string scheme)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        return _results.GetOrAdd(
            (client, scheme),
            static key => Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ApiClientPrincipal(key.Client, key.Scheme), key.Scheme))));
    }
}
