using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Juicebox.Cluster.Tests.Compatibility;

/// <summary>
/// Rows of one PostgreSQL table as a released version wrote them, kept as a file under
/// <c>Compatibility/Samples/</c>: <c>{ "table": ..., "version": ..., "rows": [ { column: value } ] }</c>,
/// each value as PostgreSQL's <c>row_to_json</c> prints it (bytea as <c>\x</c> hex).
/// </summary>
public sealed record TableSample(string File, string Table, string Version, JsonArray Rows)
{
    public static string Folder { get; } = Path.Combine(RepositoryLayout.Root, "tests", "Juicebox.Cluster.Tests", "Compatibility", "Samples");

    /// <summary>Every sample file of the folder: adding one is all a new table needs to be checked.</summary>
    public static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static TableSample Load(string file)
    {
        var root = JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(Folder, file)))!.AsObject();
        return new TableSample(file, (string)root["table"]!, (string)root["version"]!, root["rows"]!.AsArray());
    }

    /// <summary>Reads rows with <paramref name="select"/> (a query over one table) and writes them as a sample file.</summary>
    public static async Task WriteAsync(string connectionString, string file, string table, string version, string select, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT coalesce(json_agg(row_to_json(sample)), '[]')::text FROM ({select}) sample", connection);
        command.Parameters.AddRange(parameters);
        var rows = JsonNode.Parse((string)(await command.ExecuteScalarAsync())!)!.AsArray();
        Assert.NotEmpty(rows);
        var document = new JsonObject { ["table"] = table, ["version"] = version, ["rows"] = rows };
        await System.IO.File.WriteAllTextAsync(
            Path.Combine(Folder, file),
            document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>The rows with some columns replaced (e.g. the service id of the cluster that reads them).</summary>
    public JsonArray RowsWith(IReadOnlyDictionary<string, JsonNode?> replacements)
    {
        var rows = new JsonArray();
        foreach (var row in Rows)
        {
            var copy = row!.DeepClone().AsObject();
            foreach (var (column, value) in replacements)
            {
                copy[column] = value?.DeepClone();
            }

            rows.Add(copy);
        }

        return rows;
    }

    /// <summary>Inserts <paramref name="rows"/> into the table with PostgreSQL's own JSON-to-row conversion.</summary>
    /// <param name="typeOf">The table whose row type converts the JSON; <see cref="Table"/> unless given.</param>
    public async Task<int> InsertAsync(NpgsqlConnection connection, JsonArray rows, NpgsqlTransaction? transaction = null, string? typeOf = null)
    {
        var columns = string.Join(", ", ColumnsOf(rows).Select(column => $"\"{column}\""));
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {Table} ({columns}) SELECT {columns} FROM jsonb_populate_recordset(NULL::{typeOf ?? Table}, @rows)",
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter("rows", NpgsqlDbType.Jsonb) { Value = rows.ToJsonString() });
        return await command.ExecuteNonQueryAsync();
    }

    public static IReadOnlyList<string> ColumnsOf(JsonArray rows) =>
        [.. rows.SelectMany(row => row!.AsObject().Select(column => column.Key)).Distinct(StringComparer.Ordinal)];
}
