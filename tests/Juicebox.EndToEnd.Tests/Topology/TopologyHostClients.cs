using System.Net.Http.Headers;

namespace Juicebox.EndToEnd.Tests.Topology;

/// <summary>HTTP clients for a <see cref="ClusterTopology"/>'s client-apis, with the topology's bearer keys.</summary>
public static class TopologyHostClients
{
    /// <summary>An HTTP client for a client-api's public API, with the topology's bearer key.</summary>
    public static HttpClient CreateApiClient(this JuiceboxHost host, TimeSpan timeout) => CreateClient(host, ClusterTopology.ApiKey, timeout);

    /// <summary>An HTTP client for a client-api's operator endpoints, with the topology's operator key.</summary>
    public static HttpClient CreateOperatorClient(this JuiceboxHost host, TimeSpan timeout) => CreateClient(host, ClusterTopology.OperatorKey, timeout);

    private static HttpClient CreateClient(JuiceboxHost host, string key, TimeSpan timeout)
    {
        if (host.Role != JuiceboxHostRole.ClientApi)
        {
            throw new InvalidOperationException($"{host.Name} is a {host.Role}, not a client-api.");
        }

        var client = new HttpClient { BaseAddress = host.HttpAddress, Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
