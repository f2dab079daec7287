using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Juicebox.Client.Tests.Infrastructure;

/// <summary>Answers for stub handlers, written the way the contract says a server writes them.</summary>
public static class Stub
{
    public static readonly DateTimeOffset Reset = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);

    public static IResult Json(object body, int status = StatusCodes.Status200OK, int limit = 60, int remaining = 59, int? retryAfterSeconds = null) =>
        new StubResult(status, JsonSerializer.Serialize(body, JsonSerializerOptions.Web), "application/json", limit, remaining, retryAfterSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static IResult Error(int status, string code, string message, object? details = null, int? retryAfterSeconds = null, int limit = 60, int remaining = 0) =>
        Json(new { error = new { code, message, details } }, status, limit, remaining, retryAfterSeconds);

    public static IResult Raw(int status, string body, string contentType = "text/html", string? retryAfter = null) =>
        new StubResult(status, body, contentType, null, null, retryAfter);

    /// <summary>A valid <c>Profile</c> body with an extra property the client must ignore.</summary>
    public static object Profile(string id) => new
    {
        id,
        name = $"Person {id}",
        title = "Engineer",
        company = "Acme",
        location = "Berlin",
        linkedinUrl = $"https://www.linkedin.com/in/{id}",
        skills = new[] { "c#", "orleans" },
        headline = "Builds things",
        experience = new[] { new { company = "Acme", title = "Engineer", startDate = "2020-01", endDate = (string?)null } },
        education = new[] { new { school = "TU", degree = "MSc", startYear = 2014, endYear = 2019 } },
        updatedAt = "2025-01-02T03:04:05Z",
        somethingAddedLater = new { nested = true },
    };

    public static object Enriched(string id) => new
    {
        id,
        name = $"Person {id}",
        skills = Array.Empty<string>(),
        experience = Array.Empty<object>(),
        education = Array.Empty<object>(),
        updatedAt = "2025-01-02T03:04:05Z",
        contact = new { email = $"{id}@example.com" },
        enrichedAt = "2025-02-03T04:05:06Z",
    };

    private sealed class StubResult(int status, string body, string contentType, int? limit, int? remaining, string? retryAfter) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            if (limit is { } value)
            {
                response.Headers["x-ratelimit-limit"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                response.Headers["x-ratelimit-remaining"] = remaining.GetValueOrDefault().ToString(System.Globalization.CultureInfo.InvariantCulture);
                response.Headers["x-ratelimit-reset"] = Reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (retryAfter is not null)
            {
                response.Headers.RetryAfter = retryAfter;
            }

            if (body.Length > 0)
            {
                response.ContentType = contentType;
                await response.WriteAsync(body, httpContext.RequestAborted);
            }
        }
    }
}
