namespace Juicebox.EndToEnd.Tests.Topology;

/// <summary>The two kinds of process a cluster deployment runs.</summary>
public enum ClusterHostRole
{
    /// <summary><c>silo/</c>: hosts the grains; answers <c>/health/live</c>.</summary>
    Silo,

    /// <summary><c>client-api/</c> in Cluster mode: an Orleans client behind the public HTTP API; answers <c>/health/ready</c>.</summary>
    ClientApi,
}
