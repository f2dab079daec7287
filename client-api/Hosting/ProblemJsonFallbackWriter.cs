using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Juicebox.ClientApi.Hosting;

/// <summary>
/// Writes the problem document as JSON when no other writer will, which ASP.NET Core's own does not
/// when the caller's <c>Accept</c> leaves out JSON (the status-code pages then fell back to plain
/// text). An error of this API is a problem document whatever the caller asked for.
/// </summary>
internal sealed class ProblemJsonFallbackWriter : IProblemDetailsWriter
{
    private const string ContentType = "application/problem+json";
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var problem = context.ProblemDetails;
        problem.Status ??= response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        response.ContentType = ContentType;
        return new ValueTask(JsonSerializer.SerializeAsync(response.Body, problem, _json, context.HttpContext.RequestAborted));
    }
}
