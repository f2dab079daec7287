using YamlDotNet.RepresentationModel;

namespace Juicebox.EndToEnd.Tests.Deployment;

/// <summary>The objects <c>kubectl kustomize</c> renders from a folder of <c>deploy/kubernetes</c>, read by kind and name.</summary>
public sealed class KubernetesManifests
{
    private KubernetesManifests(IReadOnlyList<YamlMappingNode> objects) => Objects = objects;

    public IReadOnlyList<YamlMappingNode> Objects { get; }

    public static KubernetesManifests Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return new KubernetesManifests([.. stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>()]);
    }

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Objects.Where(item => Text(item, "kind") == kind);

    /// <summary>The object of <paramref name="kind"/> whose name is (or, for generated names, starts with) <paramref name="name"/>.</summary>
    public YamlMappingNode Get(string kind, string name) =>
        OfKind(kind).SingleOrDefault(item => Text(item, "metadata", "name") is { } actual
            && (actual == name || actual.StartsWith(name + "-", StringComparison.Ordinal)))
        ?? throw new KeyNotFoundException($"The rendered manifests have no {kind} '{name}'.");

    /// <summary>The scalar at a path of mapping keys, or null when any step is missing.</summary>
    public static string? Text(YamlNode node, params string[] path) => (Node(node, path) as YamlScalarNode)?.Value;

    public static YamlNode? Node(YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
            {
                return null;
            }

            current = child;
        }

        return current;
    }

    /// <summary>The items of a sequence at a path; empty when it is missing.</summary>
    public static IReadOnlyList<YamlMappingNode> Items(YamlNode node, params string[] path) =>
        Node(node, path) is YamlSequenceNode sequence ? [.. sequence.Children.OfType<YamlMappingNode>()] : [];
}
