namespace Juicebox.Grains.Hosting;

/// <summary>
/// Whether a silo runs with Orleans' Kubernetes hosting (pod name as silo name, a watch on the
/// cluster's pods that speeds up failure detection); bound from <c>Orleans:Kubernetes</c>.
/// Membership stays in PostgreSQL either way.
/// </summary>
public sealed class JuiceboxKubernetesOptions
{
    public const string SectionName = JuiceboxClusterOptions.SectionName + ":Kubernetes";

    /// <summary>The variable Kubernetes sets in every container.</summary>
    public const string ServiceHostVariable = "KUBERNETES_SERVICE_HOST";

    /// <summary>
    /// On, off, or (unset) on exactly when the silo runs in a Kubernetes pod that was given its name
    /// (<c>KUBERNETES_SERVICE_HOST</c> and <c>POD_NAME</c> are set) (<c>Orleans__Kubernetes__Enabled</c>).
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>The decision for this process.</summary>
    public bool IsOn(Func<string, string?> environment) =>
        Enabled ?? (!string.IsNullOrEmpty(environment(ServiceHostVariable)) && !string.IsNullOrEmpty(environment("POD_NAME")));
}
