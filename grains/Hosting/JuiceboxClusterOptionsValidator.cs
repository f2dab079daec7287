using System.Net;

namespace Juicebox.Grains.Hosting;

internal sealed class JuiceboxClusterOptionsValidator : IValidateOptions<JuiceboxClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, JuiceboxClusterOptions options)
    {
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add("Orleans:ClusterId must not be empty (set Orleans__ClusterId).");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add("Orleans:ServiceId must not be empty (set Orleans__ServiceId).");
        }

        CheckPort(options.SiloPort, nameof(options.SiloPort), failures);
        CheckPort(options.GatewayPort, nameof(options.GatewayPort), failures);
        if (options.SiloPort == options.GatewayPort)
        {
            failures.Add("Orleans:SiloPort and Orleans:GatewayPort must differ.");
        }

        if (!string.IsNullOrEmpty(options.AdvertisedIPAddress) && !IPAddress.TryParse(options.AdvertisedIPAddress, out _))
        {
            failures.Add($"Orleans:AdvertisedIPAddress '{options.AdvertisedIPAddress}' is not an IP address (set Orleans__AdvertisedIPAddress).");
        }

        if (!options.HasValidDirectoryCacheSize)
        {
            failures.Add($"Orleans:DirectoryCacheSize must be from {JuiceboxClusterOptions.MinDirectoryCacheSize:N0} to {JuiceboxClusterOptions.MaxDirectoryCacheSize:N0}, got {options.DirectoryCacheSize} (set Orleans__DirectoryCacheSize).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPort(int port, string setting, List<string> failures)
    {
        if (port is < 1 or > 65535)
        {
            failures.Add($"Orleans:{setting} must be a port from 1 to 65535, got {port} (set Orleans__{setting}).");
        }
    }
}
