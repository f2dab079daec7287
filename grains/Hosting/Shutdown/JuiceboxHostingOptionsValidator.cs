namespace Juicebox.Grains.Hosting.Shutdown;

internal sealed class JuiceboxHostingOptionsValidator : IValidateOptions<JuiceboxHostingOptions>
{
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Maximum = TimeSpan.FromMinutes(10);

    public ValidateOptionsResult Validate(string? name, JuiceboxHostingOptions options) =>
        options.ShutdownTimeout < Minimum || options.ShutdownTimeout > Maximum
            ? ValidateOptionsResult.Fail(
                $"{JuiceboxHostingOptions.SectionName}:{nameof(options.ShutdownTimeout)} must be from {Minimum:c} to {Maximum:c}, got {options.ShutdownTimeout:c} "
                + $"(set {JuiceboxHostingOptions.SectionName}__{nameof(options.ShutdownTimeout)}, e.g. 00:00:20; keep it below the orchestrator's grace period).")
            : ValidateOptionsResult.Success;
}
