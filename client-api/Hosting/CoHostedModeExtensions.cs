namespace Juicebox.ClientApi.Hosting;

/// <summary>
/// Co-hosted mode: client-api is one of the cluster's silos and serves the API from it, so a read of a
/// grain it holds never leaves the process (no gateway hop, no serialization).
/// </summary>
internal static class CoHostedModeExtensions
{
    public static void AddCoHostedMode(this WebApplicationBuilder builder) => builder.AddJuiceboxSilo();
}
