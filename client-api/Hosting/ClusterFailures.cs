using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Juicebox.ClientApi.Hosting;

/// <summary>Grain-call failures that mean "the cluster could not answer now", not "the request is wrong".</summary>
internal static class ClusterFailures
{
    public static bool IsTransient(Exception exception) => exception is
        OrleansMessageRejectionException or
        SiloUnavailableException or
        TimeoutException or
        ConnectionFailedException or
        GatewayTooBusyException;
}
