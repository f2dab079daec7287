namespace Juicebox.Grains.Hosting;

internal sealed class JuiceboxKubernetesOptionsValidator : IValidateOptions<JuiceboxKubernetesOptions>
{
    private static readonly string[] _podVariables = ["POD_NAME", "POD_NAMESPACE", "POD_IP"];

    public ValidateOptionsResult Validate(string? name, JuiceboxKubernetesOptions options)
    {
        if (options.Enabled != true)
        {
            return ValidateOptionsResult.Success;
        }

        var missing = _podVariables.Where(variable => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable))).ToList();
        return missing.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{JuiceboxKubernetesOptions.SectionName}:Enabled is true (Orleans__Kubernetes__Enabled), but {string.Join(", ", missing)} "
                + "are not set: give the pod its name, namespace and IP through the downward API, or leave the setting unset outside Kubernetes.");
    }
}
