using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Juicebox.Sandbox.Api;

/// <summary>
/// Reads a JSON request body by hand, so that a missing or malformed body is answered with the
/// contract's 400 INVALID_REQUEST rather than the framework's own 400.
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, options, context.RequestAborted);
            return value is null
                ? (null, ApiResults.InvalidRequest("A JSON object body is required."))
                : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, ApiResults.InvalidRequest(BodyProblem(exception)));
        }
    }

    private static string BodyProblem(JsonException exception)
    {
        return exception.Path is { Length: > 1 } path
            ? $"The request body is not valid JSON for this call (at {path})."
            : "The request body is missing or is not valid JSON.";
    }
}
