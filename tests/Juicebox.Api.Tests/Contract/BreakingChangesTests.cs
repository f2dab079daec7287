using System.Text.Json.Nodes;

namespace Juicebox.Api.Tests.Contract;

/// <summary>The comparison of two documents catches each kind of breaking change, and lets additions through.</summary>
public sealed class BreakingChangesTests
{
    private const string Released = """
        {
          "openapi": "3.1.1",
          "info": { "title": "t", "version": "1.0.0" },
          "paths": {
            "/things/{id}": {
              "get": {
                "operationId": "GetThing",
                "parameters": [
                  { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } },
                  { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": 100 } }
                ],
                "responses": {
                  "200": { "description": "ok", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Thing" } } } }
                }
              }
            },
            "/things": {
              "post": {
                "operationId": "CreateThing",
                "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewThing" } } } },
                "responses": { "201": { "description": "created" } }
              }
            }
          },
          "components": {
            "schemas": {
              "Thing": {
                "type": "object",
                "required": ["id", "kind"],
                "properties": {
                  "id": { "type": "string" },
                  "kind": { "enum": ["small", "large"] },
                  "note": { "type": ["null", "string"] }
                }
              },
              "NewThing": {
                "type": "object",
                "required": ["name"],
                "properties": {
                  "name": { "type": "string" },
                  "size": { "type": ["integer", "string"] },
                  "tag": { "type": ["null", "string"] }
                }
              }
            }
          }
        }
        """;

    [Fact]
    public void TheSameDocument_BreaksNothing() =>
        Assert.Empty(BreakingChanges.Find(Parse(Released), Parse(Released)));

    [Fact]
    public void Additions_BreakNothing()
    {
        var current = Change(document =>
        {
            document["paths"]!["/other"] = JsonNode.Parse("""{ "get": { "responses": { "200": { "description": "ok" } } } }""");
            document["components"]!["schemas"]!["Thing"]!["properties"]!["extra"] = JsonNode.Parse("""{ "type": "string" }""");
            document["components"]!["schemas"]!["Thing"]!["properties"]!["kind"]!["enum"]!.AsArray().Add("medium");
            document["components"]!["schemas"]!["NewThing"]!["properties"]!["size"]!["type"]!.AsArray().Add("null");
        });

        Assert.Empty(BreakingChanges.Find(Parse(Released), current));
    }

    [Fact]
    public void ARemovedOperation_IsBreaking() =>
        AssertBreaks(document => document["paths"]!.AsObject().Remove("/things"), "POST /things: the operation was removed.");

    [Fact]
    public void ARemovedResponseField_IsBreaking() =>
        AssertBreaks(document => document["components"]!["schemas"]!["Thing"]!["properties"]!.AsObject().Remove("note"),
            "GET /things/{id} 200 $.note: the response field was removed.");

    [Fact]
    public void AResponseFieldNoLongerRequired_IsBreaking() =>
        AssertBreaks(document => document["components"]!["schemas"]!["Thing"]!["required"] = new JsonArray("id"),
            "GET /things/{id} 200 $.kind: the field is no longer always present.");

    [Fact]
    public void ARemovedEnumValue_IsBreaking() =>
        AssertBreaks(document => document["components"]!["schemas"]!["Thing"]!["properties"]!["kind"]!["enum"] = new JsonArray("small"),
            "GET /things/{id} 200 $.kind: the enum value \"large\" was removed.");

    [Fact]
    public void ARequestFieldNewlyRequired_IsBreaking() =>
        AssertBreaks(document => document["components"]!["schemas"]!["NewThing"]!["required"] = new JsonArray("name", "tag"),
            "POST /things request body: field tag is newly required.");

    [Fact]
    public void AParameterNewlyRequired_IsBreaking() =>
        AssertBreaks(document => document["paths"]!["/things/{id}"]!["get"]!["parameters"]![1]!["required"] = true,
            "GET /things/{id}: parameter query:limit is newly required.");

    [Fact]
    public void ANarrowedRequestType_IsBreaking() =>
        AssertBreaks(document => document["components"]!["schemas"]!["NewThing"]!["properties"]!["size"]!["type"] = "integer",
            "POST /things request body.size: the type was narrowed from integer|string to integer.");

    [Fact]
    public void ANarrowedParameterBound_IsBreaking() =>
        AssertBreaks(document => document["paths"]!["/things/{id}"]!["get"]!["parameters"]![1]!["schema"]!["maximum"] = 50,
            "GET /things/{id} parameter query:limit: maximum was narrowed to 50.");

    [Fact]
    public void AResponseTypeClientsDoNotExpect_IsBreaking() =>
        AssertBreaks(document => document["components"]!["schemas"]!["Thing"]!["properties"]!["id"]!["type"] = new JsonArray("null", "string"),
            "GET /things/{id} 200 $.id: the type changed from string to null|string, which clients do not expect.");

    private static void AssertBreaks(Action<JsonObject> change, string expected)
    {
        var changes = BreakingChanges.Find(Parse(Released), Change(change));
        Assert.Contains(expected, changes);
    }

    private static JsonObject Change(Action<JsonObject> change)
    {
        var document = Parse(Released);
        change(document);
        return document;
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
