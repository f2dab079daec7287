using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Juicebox.Api.Tests.Contract;

/// <summary>
/// The committed OpenAPI document (<c>docs/openapi/v1.json</c>), read as JSON: which operation a request
/// reaches, and what that operation may answer.
/// </summary>
public sealed class ContractDocument
{
    /// <summary>Where the committed document lives, relative to the repository root.</summary>
    public const string CommittedPath = "docs/openapi/v1.json";

    /// <summary>The one command that regenerates the committed document (and the client generated from it).</summary>
    public const string RegenerateCommand = "scripts/generate-openapi.sh";

    private static readonly Lazy<ContractDocument> _committed = new(() => Parse(File.ReadAllText(Path.Combine(RepositoryLayout.Root, CommittedPath))));

    private readonly List<(Regex Pattern, int Templates, string Path)> _paths;

    private ContractDocument(JsonObject root)
    {
        Root = root;
        _paths = [.. (root["paths"] as JsonObject ?? [])
            .Select(path => (Pattern: ToRegex(path.Key), Templates: path.Key.Count(c => c == '{'), Path: path.Key))
            .OrderBy(path => path.Templates)];
        Schemas = new ContractSchemas(root);
    }

    public static ContractDocument Committed => _committed.Value;

    public JsonObject Root { get; }

    public ContractSchemas Schemas { get; }

    public static ContractDocument Parse(string json) =>
        new(JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException("The OpenAPI document is not a JSON object."));

    /// <summary>The documented path template that <paramref name="requestPath"/> reaches, e.g. <c>/api/v1/profiles/{id}</c>.</summary>
    public string? FindPath(string requestPath) =>
        _paths.FirstOrDefault(path => path.Pattern.IsMatch(requestPath)).Path;

    /// <summary>The operation object of <paramref name="method"/> on a documented path template.</summary>
    public JsonObject? FindOperation(string pathTemplate, string method) =>
        Root["paths"]?[pathTemplate]?[method.ToLowerInvariant()] as JsonObject;

    private static Regex ToRegex(string template) => new(
        "^" + string.Join("/", template.Split('/').Select(segment =>
            segment.StartsWith('{') && segment.EndsWith('}') ? "[^/]+" : Regex.Escape(segment))) + "$",
        RegexOptions.CultureInvariant);
}
