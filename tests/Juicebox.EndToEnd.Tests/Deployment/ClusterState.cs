namespace Juicebox.EndToEnd.Tests.Deployment;

/// <summary>The state file <c>scripts/cluster.sh start</c> writes: one <c>name=value</c> per line.</summary>
public sealed class ClusterState
{
    private readonly Dictionary<string, string> _values;

    private ClusterState(Dictionary<string, string> values) => _values = values;

    public static ClusterState Read(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0)
            {
                values[line[..separator]] = line[(separator + 1)..];
            }
        }

        return new ClusterState(values);
    }

    public string this[string name] =>
        _values.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"The cluster state has no '{name}'.");

    /// <summary>Every recorded process: postgres, the sandbox, each silo and client-api, by name.</summary>
    public IReadOnlyDictionary<string, int> ProcessIds =>
        _values.Where(entry => entry.Key.EndsWith("_pid", StringComparison.Ordinal))
            .ToDictionary(entry => entry.Key[..^"_pid".Length], entry => int.Parse(entry.Value, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The client-apis' base addresses, first to last.</summary>
    public IReadOnlyList<Uri> ClientApis =>
        [.. Enumerable.Range(1, int.MaxValue).TakeWhile(index => _values.ContainsKey($"api_{index}_url")).Select(index => new Uri(_values[$"api_{index}_url"] + "/"))];
}
