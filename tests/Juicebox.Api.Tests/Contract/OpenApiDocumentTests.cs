using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Juicebox.Api.Tests.Contract;

/// <summary>
/// The document client-api serves is the committed one (so every API change shows in review), it says
/// how to authenticate, and no host names its server software.
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed class OpenApiDocumentTests(EmbeddedApiFactory factory)
{
    [Fact]
    public async Task TheServedDocument_IsTheCommittedOne()
    {
        using var client = factory.CreateClient();
        var served = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!;
        var committed = ContractDocument.Committed.Root;

        var differences = JsonDifferences.Between(committed, served).Take(20).ToList();
        Assert.True(differences.Count == 0,
            $"{ContractDocument.CommittedPath} differs from the document client-api serves; if the API change is intended, " +
            $"regenerate it with {ContractDocument.RegenerateCommand} and commit the result. First differences:{Environment.NewLine}  " +
            string.Join(Environment.NewLine + "  ", differences));
    }

    [Fact]
    public void EveryApiOperation_RequiresTheBearerKey_AndListsWhatItAnswersWithout()
    {
        var document = ContractDocument.Committed.Root;
        Assert.Equal("bearer", document["components"]?["securitySchemes"]?["apiKey"]?["scheme"]?.GetValue<string>());

        var operations = (document["paths"] as JsonObject ?? []).SelectMany(path => (path.Value as JsonObject ?? [])
            .Select(operation => (Name: $"{operation.Key.ToUpperInvariant()} {path.Key}", Operation: operation.Value!))).ToList();
        Assert.NotEmpty(operations);
        Assert.All(operations, entry =>
        {
            var requirement = Assert.Single(entry.Operation["security"]!.AsArray())!.AsObject();
            Assert.True(requirement.ContainsKey("apiKey"), $"{entry.Name} has no apiKey requirement.");
            Assert.NotNull(entry.Operation["responses"]?["401"]);
            Assert.NotNull(entry.Operation["responses"]?["503"]?["headers"]?["Retry-After"]);
            Assert.False(string.IsNullOrWhiteSpace(entry.Operation["description"]?.GetValue<string>()), $"{entry.Name} has no description.");
            if (requirement["apiKey"]!.AsArray().Count > 0)
            {
                Assert.NotNull(entry.Operation["responses"]?["403"]);
            }
        });
    }

    [Fact]
    public void TheOperatorRoutes_RequireTheOperatorScope()
    {
        var budget = ContractDocument.Committed.FindOperation("/api/v1/operator/budget", "GET")!;

        Assert.Equal("operator", Assert.Single(budget["security"]![0]!["apiKey"]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public void Kestrel_DoesNotNameItselfInAServerHeader()
    {
        var kestrel = factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.False(kestrel.AddServerHeader);
    }
}
