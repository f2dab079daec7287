using Orleans.Configuration;

namespace Juicebox.ClientApi.Hosting;

internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options) =>
        options.GatewayListRefreshPeriod > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{ClusterModeExtensions.GatewaySection}:{nameof(options.GatewayListRefreshPeriod)} must be greater than zero, got "
                + $"{options.GatewayListRefreshPeriod:c} (set Orleans__Gateway__{nameof(options.GatewayListRefreshPeriod)}, e.g. 00:00:05).");
}
