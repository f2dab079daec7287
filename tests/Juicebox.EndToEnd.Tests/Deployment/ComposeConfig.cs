using YamlDotNet.RepresentationModel;

namespace Juicebox.EndToEnd.Tests.Deployment;

/// <summary>
/// The topology <c>docker-compose config</c> printed for <c>docker-compose.yml</c>: the file with
/// anchors merged and variables substituted, as the engine would get it.
/// </summary>
public sealed class ComposeConfig
{
    private ComposeConfig(IReadOnlyDictionary<string, ComposeService> services) => Services = services;

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    public ComposeService this[string name] =>
        Services.TryGetValue(name, out var service) ? service : throw new KeyNotFoundException($"docker-compose.yml has no service '{name}'.");

    public static ComposeConfig Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        var services = ((YamlMappingNode)root.Children[new YamlScalarNode("services")]).Children
            .ToDictionary(
                entry => ((YamlScalarNode)entry.Key).Value!,
                entry => new ComposeService(((YamlScalarNode)entry.Key).Value!, (YamlMappingNode)entry.Value));
        return new ComposeConfig(services);
    }
}

/// <summary>One service of a <see cref="ComposeConfig"/>, read through the keys the tests care about.</summary>
public sealed class ComposeService(string name, YamlMappingNode node)
{
    public string Name { get; } = name;

    public string? Image => Scalar(node, "image");

    public string? Restart => Scalar(node, "restart");

    /// <summary>How long compose waits after SIGTERM before SIGKILL (compose's own default is 10 s); null when unset.</summary>
    public string? StopGracePeriod => Scalar(node, "stop_grace_period");

    public IReadOnlyList<string> Command => Sequence(node, "command");

    /// <summary>The build argument (e.g. <c>ASSEMBLY</c>), or null without one.</summary>
    public string? BuildArgument(string name) =>
        Child(node, "build") is YamlMappingNode build && Child(build, "args") is YamlMappingNode args ? Scalar(args, name) : null;

    public IReadOnlyDictionary<string, string> Environment =>
        Child(node, "environment") is YamlMappingNode environment
            ? environment.Children.ToDictionary(entry => ((YamlScalarNode)entry.Key).Value!, entry => ((YamlScalarNode)entry.Value).Value ?? string.Empty)
            : new Dictionary<string, string>();

    /// <summary>The health check's command (<c>CMD</c>, <c>CMD-SHELL</c> ...); empty without a health check.</summary>
    public IReadOnlyList<string> HealthCheck =>
        Child(node, "healthcheck") is YamlMappingNode healthCheck ? Sequence(healthCheck, "test") : [];

    /// <summary>Each service this one waits for, and the condition it waits for.</summary>
    public IReadOnlyDictionary<string, string> DependsOn =>
        Child(node, "depends_on") is YamlMappingNode dependsOn
            ? dependsOn.Children.ToDictionary(
                entry => ((YamlScalarNode)entry.Key).Value!,
                entry => entry.Value is YamlMappingNode condition ? Scalar(condition, "condition") ?? string.Empty : string.Empty)
            : new Dictionary<string, string>();

    /// <summary>Published ports as (published, target); compose prints them in its long form.</summary>
    public IReadOnlyList<(string Published, string Target)> Ports =>
        Child(node, "ports") is YamlSequenceNode ports
            ? [.. ports.Children.OfType<YamlMappingNode>().Select(port => (Scalar(port, "published") ?? string.Empty, Scalar(port, "target") ?? string.Empty))]
            : [];

    /// <summary>Volume mounts as compose prints them (<c>source:target:mode</c>).</summary>
    public IReadOnlyList<string> Volumes => Sequence(node, "volumes");

    /// <summary>The port of the host's own <c>--urls http://0.0.0.0:PORT</c>; null when the command has none.</summary>
    public int? HttpPort
    {
        get
        {
            var command = Command;
            var index = command.ToList().IndexOf("--urls");
            return index >= 0 && index + 1 < command.Count && Uri.TryCreate(command[index + 1], UriKind.Absolute, out var url) ? url.Port : null;
        }
    }

    public override string ToString() => Name;

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlMappingNode mapping, string key) => (Child(mapping, key) as YamlScalarNode)?.Value;

    private static IReadOnlyList<string> Sequence(YamlMappingNode mapping, string key) => Child(mapping, key) switch
    {
        YamlSequenceNode sequence => [.. sequence.Children.Select(item => ((YamlScalarNode)item).Value ?? string.Empty)],
        YamlScalarNode scalar => [scalar.Value ?? string.Empty],
        _ => [],
    };
}
