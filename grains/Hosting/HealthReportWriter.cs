using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Juicebox.Grains.Hosting;

/// <summary>
/// Writes a health endpoint's answer: the status as plain text while it answers 200 (what a probe or a
/// person reads), and a problem document when it answers an error, naming each check that failed with its
/// own description (never an exception's message, which may carry a server's address).
/// </summary>
public static class HealthReportWriter
{
    public const string NotReadyProblemType = "https://juicebox.local/problems/not-ready";

    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var response = context.Response;
        if (response.StatusCode < StatusCodes.Status400BadRequest)
        {
            response.ContentType = "text/plain";
            await response.WriteAsync(report.Status.ToString(), context.RequestAborted);
            return;
        }

        var failed = report.Entries.Where(entry => entry.Value.Status != HealthStatus.Healthy).ToList();
        response.ContentType = "application/problem+json";
        await using var json = new Utf8JsonWriter(response.Body);
        json.WriteStartObject();
        json.WriteString("type", NotReadyProblemType);
        json.WriteString("title", "Not ready");
        json.WriteNumber("status", response.StatusCode);
        json.WriteString("detail", $"Failing: {string.Join(", ", failed.Select(entry => entry.Key))}. Send no traffic here until it answers 200.");
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            if (entry.Description is { } description)
            {
                json.WriteString("description", description);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
