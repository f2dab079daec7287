using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Juicebox.Cli.Api;

/// <summary>
/// Every call the CLI makes to Orleans.Juicebox, in one place, so that moving to the client generated
/// from the OpenAPI document (issue 18) changes this class only. The event stream and the results
/// export are read as streams, which a generated client that buffers whole bodies cannot do.
/// </summary>
public sealed class JuiceboxApi : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly HttpClient _http;

    public JuiceboxApi(Uri baseAddress, string key)
    {
        BaseAddress = baseAddress;
        // No overall timeout: the event stream and a big export run as long as they need. Ordinary
        // calls get RequestTimeout each; connecting gets ConnectTimeout.
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            BaseAddress = baseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("juicebox-cli", "1.0"));
    }

    public Uri BaseAddress { get; }

    public Task<ApiResponse<SearchPage>> SearchAsync(string query, int limit, string? cursor, CancellationToken cancellationToken) =>
        SendAsync<SearchPage>(HttpMethod.Post, "api/v1/search", new { query, limit, cursor }, cancellationToken);

    public Task<ApiResponse<JsonElement>> GetProfileAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(HttpMethod.Get, $"api/v1/profiles/{Uri.EscapeDataString(id)}", null, cancellationToken);

    /// <summary>The profile's latest enrichment, or null when none was ever requested.</summary>
    public async Task<ProfileEnrichmentStatus?> GetProfileEnrichmentAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return (await SendAsync<ProfileEnrichmentStatus>(HttpMethod.Get, $"api/v1/profiles/{Uri.EscapeDataString(id)}/enrichment", null, cancellationToken)).Value;
        }
        catch (ApiException notRequested) when (notRequested.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task<ApiResponse<JobAccepted>> SubmitJobAsync(IReadOnlyList<string> profileIds, CancellationToken cancellationToken) =>
        SendAsync<JobAccepted>(HttpMethod.Post, "api/v1/enrichments", new { profileIds }, cancellationToken);

    public Task<ApiResponse<JobProgress>> GetJobAsync(Guid jobId, CancellationToken cancellationToken) =>
        SendAsync<JobProgress>(HttpMethod.Get, $"api/v1/enrichments/{jobId}", null, cancellationToken);

    public Task<ApiResponse<JsonElement>> GetOperatorAsync(string path, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(HttpMethod.Get, $"api/v1/operator/{path}", null, cancellationToken);

    public Task<ApiResponse<JsonElement>> RetryDeadLettersAsync(CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(HttpMethod.Post, "api/v1/operator/enrichment/dead-letters/retry", new { }, cancellationToken);

    /// <summary>The job's progress events (<c>GET .../events</c>, server-sent events) until the server ends the stream.</summary>
    public async IAsyncEnumerable<JobProgress> FollowJobAsync(Guid jobId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/enrichments/{jobId}/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await StartAsync(request, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(body, Encoding.UTF8);
        var data = new StringBuilder();
        while (await ReadLineAsync(reader, cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    yield return JsonSerializer.Deserialize<JobProgress>(data.ToString(), Json)
                        ?? throw new InvalidDataException("An empty progress event.");
                    data.Clear();
                }
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line.AsSpan(5).TrimStart(' '));
            }
        }
    }

    /// <summary>
    /// Opens the results export (<c>GET .../results</c>) from <paramref name="after"/> on; the caller
    /// reads the body as it arrives.
    /// </summary>
    public async Task<HttpResponseMessage> OpenResultsAsync(Guid jobId, string format, string? after, CancellationToken cancellationToken)
    {
        var path = $"api/v1/enrichments/{jobId}/results?format={format}" + (after is null ? string.Empty : $"&after={Uri.EscapeDataString(after)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await StartAsync(request, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<ApiResponse<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        using var response = await StartAsync(request, timeout.Token, cancellationToken);
        string json;
        try
        {
            json = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw ApiException.Unreachable(BaseAddress, exception);
        }

        var value = JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidDataException($"The answer to {path} was empty.");
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(header => header.Key, header => string.Join(", ", header.Value), StringComparer.OrdinalIgnoreCase);
        return new ApiResponse<T>(value, json, headers);
    }

    /// <summary>Sends the request and returns once the headers are in; any answer but 2xx becomes an <see cref="ApiException"/>.</summary>
    private Task<HttpResponseMessage> StartAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        StartAsync(request, cancellationToken, cancellationToken);

    private async Task<HttpResponseMessage> StartAsync(HttpRequestMessage request, CancellationToken token, CancellationToken userToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
        }
        catch (Exception exception) when (exception is HttpRequestException
            || (exception is OperationCanceledException && !userToken.IsCancellationRequested))
        {
            throw ApiException.Unreachable(BaseAddress, exception);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            ProblemDocument? problem = null;
            try
            {
                problem = await response.Content.ReadFromJsonAsync<ProblemDocument>(Json, token);
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException or HttpRequestException or IOException)
            {
                // Not a problem document (a proxy's page, or nothing): the status says enough.
            }

            throw ApiException.FromProblem(response.StatusCode, problem);
        }
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw new ApiException(null, null, $"The progress stream broke off: {exception.Message}", exception);
        }
    }
}
