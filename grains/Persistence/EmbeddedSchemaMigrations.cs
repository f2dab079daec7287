using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Juicebox.Grains.Persistence;

/// <summary>
/// Finds the schema scripts embedded from <c>Persistence/Schema/NNNN_name.sql</c>, in version order.
/// To change the schema, add the next-numbered script; never edit one that has shipped.
/// </summary>
internal static partial class EmbeddedSchemaMigrations
{
    private const string ResourceFolder = ".Persistence.Schema.";

    public static IReadOnlyList<SchemaMigration> Load() => Load(typeof(EmbeddedSchemaMigrations).Assembly);

    internal static IReadOnlyList<SchemaMigration> Load(Assembly assembly)
    {
        var migrations = new List<SchemaMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var folderEnd = resource.IndexOf(ResourceFolder, StringComparison.Ordinal);
            if (folderEnd < 0 || !resource.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var fileName = resource[(folderEnd + ResourceFolder.Length)..];
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new InvalidOperationException(
                    $"Embedded schema script '{fileName}' is not named NNNN_name.sql (four digits, then lower-case letters, digits and underscores).");
            }

            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded resource '{resource}' could not be opened.");
            using var reader = new StreamReader(stream);
            migrations.Add(new SchemaMigration(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                reader.ReadToEnd()));
        }

        var duplicate = migrations.GroupBy(migration => migration.Version).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Schema version {duplicate.Key:D4} is used by more than one script: {string.Join(", ", duplicate.Select(m => m.Label))}.");
        }

        return [.. migrations.OrderBy(migration => migration.Version)];
    }

    [GeneratedRegex("^(?<version>[0-9]{4})_(?<name>[a-z0-9_]+)\\.sql$")]
    private static partial Regex FileNamePattern();
}
