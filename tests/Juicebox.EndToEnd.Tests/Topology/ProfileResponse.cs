using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Juicebox.EndToEnd.Tests.Topology;

/// <summary>What one <c>GET /api/v1/profiles/{id}</c> answered, or how it failed to get an answer.</summary>
public sealed record ProfileResponse
{
    public const string ProblemMediaType = "application/problem+json";

    public required string RequestedId { get; init; }

    /// <summary>Null when no HTTP answer came back (connection error or client timeout).</summary>
    public HttpStatusCode? Status { get; init; }

    public string? MediaType { get; init; }

    /// <summary><c>X-Cache</c>: hit, miss or stale.</summary>
    public string? Cache { get; init; }

    /// <summary><c>X-Cache-Source</c>: memory, storage or upstream.</summary>
    public string? Source { get; init; }

    /// <summary>The <c>id</c> of the profile in a 200 body.</summary>
    public string? ProfileId { get; init; }

    /// <summary>The person's <c>name</c> in a 200 body.</summary>
    public string? ProfileName { get; init; }

    /// <summary>The <c>status</c> of a problem-details body.</summary>
    public int? ProblemStatus { get; init; }

    /// <summary>The <c>type</c> of a problem-details body.</summary>
    public string? ProblemType { get; init; }

    /// <summary>Why there is no HTTP answer.</summary>
    public string? TransportError { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>200 with the profile that was asked for.</summary>
    public bool IsOk => Status == HttpStatusCode.OK && ProfileId == RequestedId;

    /// <summary>An RFC 9457 problem-details answer with <paramref name="status"/> in both the status line and the body.</summary>
    public bool IsProblem(HttpStatusCode status) =>
        Status == status && MediaType == ProblemMediaType && ProblemStatus == (int)status;

    public override string ToString() => Status is null
        ? $"{RequestedId}: no answer after {Elapsed.TotalMilliseconds:0} ms ({TransportError})"
        : $"{RequestedId}: {(int)Status} {MediaType} cache={Cache ?? "-"} source={Source ?? "-"} " +
          $"problem={ProblemType ?? "-"} after {Elapsed.TotalMilliseconds:0} ms";
}

/// <summary>Reads profiles through a client-api as an HTTP caller would.</summary>
public static class ProfileApiClientExtensions
{
    /// <summary>
    /// Reads one profile. A connection error or a client-side timeout comes back as a response with no
    /// status rather than as an exception, so load loops can count it as one more failure.
    /// </summary>
    public static async Task<ProfileResponse> GetProfileAsync(this HttpClient api, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);

        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await api.GetAsync($"api/v1/profiles/{Uri.EscapeDataString(id)}", cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            JsonElement? json = null;
            if (mediaType is "application/json" or ProfileResponse.ProblemMediaType && body.Length > 0)
            {
                using var document = JsonDocument.Parse(body);
                json = document.RootElement.Clone();
            }

            return new ProfileResponse
            {
                RequestedId = id,
                Status = response.StatusCode,
                MediaType = mediaType,
                Cache = Header(response, "X-Cache"),
                Source = Header(response, "X-Cache-Source"),
                ProfileId = response.IsSuccessStatusCode ? StringProperty(json, "id") : null,
                ProfileName = response.IsSuccessStatusCode ? StringProperty(json, "name") : null,
                ProblemStatus = mediaType == ProfileResponse.ProblemMediaType ? IntProperty(json, "status") : null,
                ProblemType = mediaType == ProfileResponse.ProblemMediaType ? StringProperty(json, "type") : null,
                Elapsed = clock.Elapsed,
            };
        }
        catch (Exception exception) when (
            exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new ProfileResponse
            {
                RequestedId = id,
                TransportError = $"{exception.GetType().Name}: {exception.Message}",
                Elapsed = clock.Elapsed,
            };
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private static string? StringProperty(JsonElement? json, string name) =>
        json is { ValueKind: JsonValueKind.Object } element && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static int? IntProperty(JsonElement? json, string name) =>
        json is { ValueKind: JsonValueKind.Object } element && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetInt32()
            : null;
}
