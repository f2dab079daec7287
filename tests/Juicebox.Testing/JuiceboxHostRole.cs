namespace Juicebox.Testing;

/// <summary>The kinds of process a Juicebox deployment runs.</summary>
public enum JuiceboxHostRole
{
    /// <summary><c>client-api/</c> in Embedded mode: the API and a silo in one process, no PostgreSQL; answers <c>/health/ready</c>.</summary>
    Embedded,

    /// <summary><c>client-api/</c> in Cluster mode: an Orleans client behind the public HTTP API; answers <c>/health/ready</c>.</summary>
    ClientApi,

    /// <summary><c>silo/</c>: hosts the grains; answers <c>/health/live</c>.</summary>
    Silo,

    /// <summary><c>client-api/</c> in Co-hosted mode (<c>Hosting__CoHostSilo=true</c>): a silo of the cluster that also serves the API; answers <c>/health/ready</c>.</summary>
    CoHosted,
}
