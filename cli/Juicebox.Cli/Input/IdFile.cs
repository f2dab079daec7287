namespace Juicebox.Cli.Input;

/// <summary>
/// Reads profile ids from a file: one per line, or a CSV/TSV whose header names the id column (or whose
/// first column holds them when no header names it). Blank lines are skipped; the server reports
/// invalid and repeated ids itself.
/// </summary>
public static class IdFile
{
    public const int MaxIds = 50_000;

    public static IReadOnlyList<string> Read(string path, string column)
    {
        var lines = File.ReadLines(path).Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
        if (lines.Count == 0)
        {
            return [];
        }

        char[] separators = [',', '\t', ';'];
        var separator = separators.FirstOrDefault(candidate => lines[0].Contains(candidate));
        if (separator == default)
        {
            var header = lines[0].Trim('"');
            return [.. (IsIdHeader(header, column) ? lines.Skip(1) : lines).Select(line => line.Trim('"'))];
        }

        var cells = Split(lines[0], separator);
        var index = cells.FindIndex(cell => cell.Equals(column, StringComparison.OrdinalIgnoreCase));
        var hasHeader = index >= 0 || cells.Any(cell => IsIdHeader(cell, column));
        if (index < 0)
        {
            if (hasHeader || column.Equals("id", StringComparison.OrdinalIgnoreCase))
            {
                index = Math.Max(0, cells.FindIndex(cell => IsIdHeader(cell, column)));
            }
            else
            {
                throw new FormatException($"The file's first line has no column named '{column}'.");
            }
        }

        return [.. lines.Skip(hasHeader ? 1 : 0)
            .Select(line => Split(line, separator))
            .Select(row => index < row.Count ? row[index] : string.Empty)
            .Where(id => id.Length > 0)];
    }

    private static bool IsIdHeader(string cell, string column) =>
        cell.Equals(column, StringComparison.OrdinalIgnoreCase)
        || cell.Equals("id", StringComparison.OrdinalIgnoreCase)
        || cell.Equals("profileId", StringComparison.OrdinalIgnoreCase)
        || cell.Equals("profile_id", StringComparison.OrdinalIgnoreCase);

    // Enough of RFC 4180 for an id column: quoted cells with doubled quotes.
    private static List<string> Split(string line, char separator)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString().Trim());
        return cells;
    }
}
