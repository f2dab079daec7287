using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using GeneratedClient = Juicebox.ApiClient.JuiceboxApiClient;
using Generated = Juicebox.ApiClient.Models;
using KiotaApiException = Microsoft.Kiota.Abstractions.ApiException;

namespace Juicebox.Cli.Api;

/// <summary>
/// Every call the CLI makes to Orleans.Juicebox, in one place. Ordinary calls go through the client
/// generated from the OpenAPI document (clients/Juicebox.ApiClient, issue 18). The event stream and
/// the results export are read with HttpClient directly, line by line as they arrive: the generated
/// client returns a whole body, and the export is not in its document yet.
/// </summary>
public sealed class JuiceboxApi : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly HttpClient _http;
    private readonly HttpClient _kiotaHttp;
    private readonly GeneratedClient _client;

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

        // The generated client (clients/Juicebox.ApiClient) on Kiota's default handlers, which include
        // the one that hands back response headers.
        _kiotaHttp = KiotaClientFactory.Create(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) });
        _kiotaHttp.Timeout = Timeout.InfiniteTimeSpan;
        _kiotaHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        _client = new GeneratedClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: _kiotaHttp)
        {
            BaseUrl = baseAddress.ToString().TrimEnd('/'),
        });
    }

    public Uri BaseAddress { get; }

    public Task<ApiResponse<SearchPage>> SearchAsync(string query, int limit, string? cursor, CancellationToken cancellationToken) =>
        CallAsync(
            (client, option, token) => client.Api.V1.Search.PostAsync(new Generated.SearchApiRequest { Query = query, Limit = limit, Cursor = cursor }, request => request.Options.Add(option), token),
            (page, _) => new SearchPage(
                page.SearchId ?? string.Empty,
                [.. (page.Profiles ?? []).Select(profile => new ProfileSummary(profile.Id ?? string.Empty, profile.Name ?? string.Empty, profile.Title, profile.Company, profile.Location))],
                page.Total ?? 0,
                page.NextCursor,
                page.CachedAt ?? default,
                page.FreshUntil ?? default),
            cancellationToken);

    public Task<ApiResponse<JsonElement>> GetProfileAsync(string id, CancellationToken cancellationToken) =>
        CallAsync((client, option, token) => client.Api.V1.Profiles[id].GetAsync(request => request.Options.Add(option), token), AsJson, cancellationToken);

    /// <summary>The profile's latest enrichment, or null when none was ever requested.</summary>
    public async Task<ProfileEnrichmentStatus?> GetProfileEnrichmentAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return (await CallAsync(
                (client, option, token) => client.Api.V1.Profiles[id].Enrichment.GetAsync(request => request.Options.Add(option), token),
                (status, _) => new ProfileEnrichmentStatus(
                    status.ProfileId ?? id, status.JobId ?? Guid.Empty, status.Status?.ToString().ToLowerInvariant() ?? "unknown", status.Reason, status.RequestedAt ?? default, status.FinishedAt),
                cancellationToken)).Value;
        }
        catch (ApiException notRequested) when (notRequested.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task<ApiResponse<JobAccepted>> SubmitJobAsync(IReadOnlyList<string> profileIds, CancellationToken cancellationToken) =>
        CallAsync(
            (client, option, token) => client.Api.V1.Enrichments.PostAsync(new Generated.EnrichmentJobRequest { ProfileIds = [.. profileIds] }, request => request.Options.Add(option), token),
            (job, _) => new JobAccepted(
                job.JobId ?? Guid.Empty,
                job.Accepted ?? 0,
                [.. (job.Rejected ?? []).Select(rejected => new RejectedId(rejected.Id ?? string.Empty, rejected.Reason ?? string.Empty))],
                job.CreatedAt ?? default),
            cancellationToken);

    public Task<ApiResponse<JobProgress>> GetJobAsync(Guid jobId, CancellationToken cancellationToken) =>
        CallAsync(
            (client, option, token) => client.Api.V1.Enrichments[jobId].GetAsync(request => request.Options.Add(option), token),
            (progress, _) => new JobProgress(
                progress.JobId ?? jobId, progress.CreatedAt ?? default, progress.Total ?? 0, progress.Done ?? 0, progress.Failed ?? 0, progress.Skipped ?? 0,
                progress.Pending ?? 0, progress.Running ?? 0, progress.Rejected ?? 0, progress.FinishedAt, progress.EstimatedCompletion, progress.WaitingReason),
            cancellationToken);

    public Task<ApiResponse<JsonElement>> GetBudgetAsync(CancellationToken cancellationToken) =>
        CallAsync((client, option, token) => client.Api.V1.Operator.Budget.GetAsync(request => request.Options.Add(option), token), AsJson, cancellationToken);

    public Task<ApiResponse<JsonElement>> GetQueueAsync(CancellationToken cancellationToken) =>
        CallAsync((client, option, token) => client.Api.V1.Operator.Enrichment.Queue.GetAsync(request => request.Options.Add(option), token), AsJson, cancellationToken);

    public Task<ApiResponse<JsonElement>> GetDeadLettersAsync(int limit, CancellationToken cancellationToken) =>
        CallAsync(
            (client, option, token) => client.Api.V1.Operator.Enrichment.DeadLetters.GetAsync(
                request =>
                {
                    request.Options.Add(option);
                    request.QueryParameters.Limit = limit;
                },
                token),
            AsJson,
            cancellationToken);

    public Task<ApiResponse<JsonElement>> RetryDeadLettersAsync(CancellationToken cancellationToken) =>
        CallAsync((client, option, token) => client.Api.V1.Operator.Enrichment.DeadLetters.Retry.PostAsync(new Generated.DeadLetterRetryRequest(), request => request.Options.Add(option), token), AsJson, cancellationToken);

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

    public void Dispose()
    {
        _http.Dispose();
        _kiotaHttp.Dispose();
    }

    /// <summary>
    /// One call through the generated client, with a per-call timeout; its answer as the CLI's own type,
    /// as JSON (for --json) and with the response headers (X-Cache and friends). Errors become <see cref="ApiException"/>.
    /// </summary>
    private async Task<ApiResponse<TResult>> CallAsync<TModel, TResult>(
        Func<GeneratedClient, IRequestOption, CancellationToken, Task<TModel?>> call,
        Func<TModel, string, TResult> convert,
        CancellationToken cancellationToken)
        where TModel : class, IParsable
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        var headers = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        TModel? model;
        try
        {
            model = await call(_client, headers, timeout.Token);
        }
        catch (KiotaApiException failure)
        {
            throw await FromKiotaAsync(failure);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw ApiException.Unreachable(BaseAddress, exception);
        }

        if (model is null)
        {
            throw new ApiException(null, null, "The server sent an empty answer.");
        }

        var json = await KiotaJsonSerializer.SerializeAsStringAsync(model, serializeOnlyChangedValues: false, cancellationToken);
        var responseHeaders = headers.ResponseHeaders.ToDictionary(header => header.Key, header => string.Join(", ", header.Value), StringComparer.OrdinalIgnoreCase);
        return new ApiResponse<TResult>(convert(model, json), json, responseHeaders);
    }

    private static JsonElement AsJson<TModel>(TModel model, string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>The generated client's error as the CLI's: status, and the problem document's title, detail and position when it sent one.</summary>
    private static async Task<ApiException> FromKiotaAsync(KiotaApiException failure)
    {
        var status = (HttpStatusCode)failure.ResponseStatusCode;
        ProblemDocument? problem = null;
        if (failure is Generated.ProblemDetails details)
        {
            // Extensions (code, position) arrive as the generator's untyped nodes: read them back as JSON.
            var json = await KiotaJsonSerializer.SerializeAsStringAsync(details, serializeOnlyChangedValues: false);
            problem = JsonSerializer.Deserialize<ProblemDocument>(json, Json);
        }

        return ApiException.FromProblem(status, problem);
    }

    /// <summary>Sends the request and returns once the headers are in; any answer but 2xx becomes an <see cref="ApiException"/>.</summary>
    private async Task<HttpResponseMessage> StartAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = cancellationToken;
        var userToken = cancellationToken;
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
