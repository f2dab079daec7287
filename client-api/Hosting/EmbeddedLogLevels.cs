using Microsoft.Extensions.Configuration.Memory;

namespace Juicebox.ClientApi.Hosting;

/// <summary>
/// Embedded mode's default log levels: the categories that dump options and start-up chatter (Orleans,
/// ASP.NET Core, the host's lifetime) and those that log every call (Polly, HttpClient) log warnings
/// only, so the banner is the first thing a new user reads. They are defaults: appsettings, the environment and the command line override them, e.g.
/// <c>Logging__LogLevel__Orleans=Information</c>.
/// </summary>
internal static class EmbeddedLogLevels
{
    private static readonly Dictionary<string, string?> _levels = new()
    {
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",

        // Orleans' placement and the upstream client log every call at Information through these.
        ["Logging:LogLevel:Polly"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
    };

    /// <summary>Adds the levels beneath every configuration source the builder already has.</summary>
    public static void AddAsDefaults(IConfigurationBuilder configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = _levels });
}
