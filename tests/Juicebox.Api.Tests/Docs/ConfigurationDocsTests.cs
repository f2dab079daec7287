using System.Text.RegularExpressions;

namespace Juicebox.Api.Tests.Docs;

/// <summary>
/// Every setting the hosts bind appears in docs/configuration.md as its environment variable, found
/// from the hosts' own options registrations, so that a new setting cannot be added undocumented.
/// </summary>
public sealed class ConfigurationDocsTests
{
    private static readonly Lazy<IReadOnlyList<BoundSetting>> _settings = new(BoundSettings.Read);

    [Fact]
    public void TheSettingsAreFound_FromTheOptionsTheHostsBind()
    {
        var keys = _settings.Value.Select(setting => setting.Key).ToList();

        // One of each way of binding: a section constant, BindConfiguration, a named stream's section,
        // a nested class, a collection, and an Orleans class with a Juicebox validator.
        Assert.Contains("ProfileCache:TimeToLive", keys);
        Assert.Contains("Juicebox:BaseUrl", keys);
        Assert.Contains("Streams:enrichment:QueueCount", keys);
        Assert.Contains("Juicebox:Resilience:CircuitBreaker:MinimumThroughput", keys);
        Assert.Contains("Api:OperatorKeys", keys);
        Assert.Contains("Orleans:Membership:ProbeTimeout", keys);
        Assert.Contains("Sandbox:Faults:ErrorRate", keys);
    }

    [Fact]
    public void EveryBoundSetting_IsInConfigurationMd()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "docs", "configuration.md"));

        var missing = _settings.Value.Where(setting => !IsDocumented(page, setting)).Select(setting => $"  {setting.EnvironmentVariable} ({setting.OptionsType.Name})").ToList();

        Assert.True(missing.Count == 0, $"docs/configuration.md does not name these settings:{Environment.NewLine}{string.Join(Environment.NewLine, missing)}");
    }

    /// <summary>
    /// The product's own settings each by name; a setting of Orleans' own options classes may also be
    /// covered by a row for its whole section (<c>Orleans__Membership__*</c>), whose reference is Orleans'.
    /// </summary>
    private static bool IsDocumented(string page, BoundSetting setting)
    {
        if (Mentions(page, setting.EnvironmentVariable))
        {
            return true;
        }

        var section = setting.EnvironmentVariable[..Math.Max(0, setting.EnvironmentVariable.LastIndexOf("__", StringComparison.Ordinal))];
        return !setting.IsOwn && section.Length > 0 && page.Contains($"`{section}__*`", StringComparison.Ordinal);
    }

    private static bool Mentions(string page, string variable) =>
        Regex.IsMatch(page, $@"(?<![A-Za-z0-9_]){Regex.Escape(variable)}(?![A-Za-z0-9])");
}
