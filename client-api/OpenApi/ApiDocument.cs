using Microsoft.AspNetCore.OpenApi;

namespace Juicebox.ClientApi.OpenApi;

/// <summary>
/// The OpenAPI document of client-api (<c>/openapi/v1.json</c>, committed as <c>docs/openapi/v1.json</c>):
/// what it says about the API as a whole, and the transformers that make every operation tell the truth.
/// </summary>
public static class ApiDocument
{
    public const string Name = "v1";

    /// <summary>
    /// The API's version. Raise it (and copy the document to <c>docs/openapi/v1.released.json</c>) when a
    /// release changes the contract; a breaking change without a higher version fails the tests.
    /// </summary>
    public const string Version = "1.0.0";

    public const string Title = "Orleans.Juicebox API";

    /// <summary>The address Embedded mode listens on by default (<c>dotnet run --project client-api</c>).</summary>
    public const string DefaultServerUrl = "http://localhost:5000";

    public static IServiceCollection AddJuiceboxOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(Name, options =>
        {
            options.AddDocumentTransformer<ApiInfoTransformer>();
            options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            options.AddOperationTransformer<SecurityRequirementTransformer>();
            options.AddOperationTransformer<ClusterUnavailableTransformer>();
            options.AddOperationTransformer<RequestLimitsTransformer>();
            options.AddSchemaTransformer<AbsentValuesSchemaTransformer>();
        });
}
