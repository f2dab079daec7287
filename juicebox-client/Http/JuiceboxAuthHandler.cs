using System.Net.Http.Headers;
using Juicebox.Client.Configuration;
using Microsoft.Extensions.Options;

namespace Juicebox.Client.Http;

/// <summary>Adds <c>Authorization: Bearer</c> to every request bound for the configured API.</summary>
internal sealed class JuiceboxAuthHandler(IOptionsMonitor<JuiceboxOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;

        // The key goes only to the configured API: an absolute URL to any other host sent through
        // this client must not carry it away.
        if (!request.IsAnonymous()
            && request.RequestUri is { } uri
            && current.GetBaseAddress().IsBaseOf(uri)
            && !string.IsNullOrEmpty(current.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", current.ApiKey);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
