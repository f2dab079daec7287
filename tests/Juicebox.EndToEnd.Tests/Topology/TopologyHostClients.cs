using System.Net.Http.Headers;

namespace Juicebox.EndToEnd.Tests.Topology;

/// <summary>HTTP clients for a <see cref="ClusterTopology"/>'s client-apis (Co-hosted ones too), with the topology's bearer keys.</summary>
public static class TopologyHostClients
{
    /// <summary>An HTTP client for a client-api's public API, with the topology's bearer key.</summary>
    public static HttpClient CreateApiClient(this JuiceboxHost host, TimeSpan timeout) => CreateClient(host, ClusterTopology.ApiKey, timeout);

    /// <summary>An HTTP client for a client-api's operator endpoints, with the topology's operator key.</summary>
    public static HttpClient CreateOperatorClient(this JuiceboxHost host, TimeSpan timeout) => CreateClient(host, ClusterTopology.OperatorKey, timeout);

    private static HttpClient CreateClient(JuiceboxHost host, string key, TimeSpan timeout)
    {
        if (host.Role is not (JuiceboxHostRole.ClientApi or JuiceboxHostRole.CoHosted))
        {
            throw new InvalidOperationException($"{host.Name} is a {host.Role}, which serves no API.");
        }

        var client = new HttpClient { BaseAddress = host.HttpAddress, Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
