using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Juicebox.Client.Configuration;
using Juicebox.Client.Errors;
using Juicebox.Client.Http;
using Juicebox.Client.Models;
using Juicebox.Client.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Juicebox.Client;

/// <summary>
/// The typed <see cref="IJuiceboxClient"/> over the <see cref="HttpClient"/> that
/// <c>AddJuiceboxClient</c> configures (base address, key, resilience pipeline).
/// </summary>
public sealed class JuiceboxClient(
    HttpClient httpClient,
    IOptionsMonitor<JuiceboxOptions> options,
    TimeProvider timeProvider,
    ILogger<JuiceboxClient> logger) : IJuiceboxClient
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    public Task<JuiceboxResponse<HealthStatus>> GetHealthAsync(CancellationToken cancellationToken = default) =>
        SendAsync(Get("health", "/health", anonymous: true), JuiceboxJsonContext.Default.HealthStatus, cancellationToken);

    public Task<JuiceboxResponse<AccountInfo>> GetAccountAsync(CancellationToken cancellationToken = default) =>
        SendAsync(Get("auth/me", "/auth/me"), JuiceboxJsonContext.Default.AccountInfo, cancellationToken);

    public Task<JuiceboxResponse<UsageInfo>> GetUsageAsync(CancellationToken cancellationToken = default) =>
        SendAsync(Get("usage", "/usage"), JuiceboxJsonContext.Default.UsageInfo, cancellationToken);

    public Task<JuiceboxResponse<SearchResponse>> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(
            Post("search", "/search", request, JuiceboxJsonContext.Default.SearchRequest, JuiceboxCallSafety.Repeatable),
            JuiceboxJsonContext.Default.SearchResponse,
            cancellationToken);
    }

    public async IAsyncEnumerable<ProfileSummary> SearchAllAsync(
        SearchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await foreach (var page in this.SearchPagesAsync(request, cancellationToken).ConfigureAwait(false))
        {
            foreach (var profile in page.Value.Profiles)
            {
                yield return profile;
            }
        }
    }

    public Task<JuiceboxResponse<Profile>> GetProfileAsync(string profileId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(profileId);
        return SendAsync(Get($"profiles/{Uri.EscapeDataString(profileId)}", "/profiles/{id}"), JuiceboxJsonContext.Default.Profile, cancellationToken);
    }

    public Task<JuiceboxResponse<ProfileBatch>> GetProfilesAsync(IReadOnlyCollection<string> profileIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profileIds);
        return SendAsync(
            Post("profiles/batch", "/profiles/batch", new ProfileIdsRequest(profileIds), JuiceboxJsonContext.Default.ProfileIdsRequest, JuiceboxCallSafety.Repeatable),
            JuiceboxJsonContext.Default.ProfileBatch,
            cancellationToken);
    }

    public Task<JuiceboxResponse<EnrichedProfile>> EnrichAsync(EnrichRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(
            Post("enrich", "/enrich", request, JuiceboxJsonContext.Default.EnrichRequest, JuiceboxCallSafety.SpendsQuota),
            JuiceboxJsonContext.Default.EnrichedProfile,
            cancellationToken);
    }

    public Task<JuiceboxResponse<EnrichedProfileBatch>> EnrichBatchAsync(IReadOnlyCollection<string> profileIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profileIds);
        return SendAsync(
            Post("enrich/batch", "/enrich/batch", new EnrichBatchRequest(profileIds), JuiceboxJsonContext.Default.EnrichBatchRequest, JuiceboxCallSafety.SpendsQuota),
            JuiceboxJsonContext.Default.EnrichedProfileBatch,
            cancellationToken);
    }

    private static HttpRequestMessage Get(string path, string endpoint, bool anonymous = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.SetCallSafety(JuiceboxCallSafety.Repeatable);
        request.SetEndpoint(endpoint);
        if (anonymous)
        {
            request.SetAnonymous();
        }

        return request;
    }

    private static HttpRequestMessage Post<TBody>(string path, string endpoint, TBody body, JsonTypeInfo<TBody> bodyType, JuiceboxCallSafety safety)
    {
        // Serialized up front, so every attempt sends the same bytes with a Content-Length.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, bodyType));
        content.Headers.ContentType = JsonMediaType;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.SetCallSafety(safety);
        request.SetEndpoint(endpoint);
        return request;
    }

    private async Task<JuiceboxResponse<T>> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> resultType, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
            var rateLimit = RateLimitHeaders.Read(response, timeProvider);

            if (!response.IsSuccessStatusCode)
            {
                var error = await JuiceboxErrorReader.ReadAsync(response, rateLimit, options.CurrentValue.ApiKey, cancellationToken).ConfigureAwait(false);
                JuiceboxClientLog.UpstreamError(logger, request.Method, PathOf(request), error.StatusCode, error.ErrorCode);
                throw error;
            }

            T? value;
            try
            {
                value = await response.Content.ReadFromJsonAsync(resultType, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException exception)
            {
                throw JuiceboxErrorReader.InvalidResponse(response.StatusCode, $"{JuiceboxTransportErrorHandler.Describe(request)} answered a body that is not the expected JSON: {exception.Message}", rateLimit);
            }

            return value is null
                ? throw JuiceboxErrorReader.InvalidResponse(response.StatusCode, $"{JuiceboxTransportErrorHandler.Describe(request)} answered null.", rateLimit)
                : new JuiceboxResponse<T>(value, rateLimit);
        }
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await httpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (JuiceboxTransportException exception)
        {
            JuiceboxClientLog.TransportFailure(logger, request.Method, PathOf(request), exception.Failure);
            throw;
        }
        catch (OperationCanceledException exception)
        {
            // Not our caller's token: HttpClient.Timeout, the backstop for reading the body.
            JuiceboxClientLog.TransportFailure(logger, request.Method, PathOf(request), JuiceboxTransportFailure.Timeout);
            throw new JuiceboxTransportException(
                JuiceboxTransportFailure.Timeout,
                $"{JuiceboxTransportErrorHandler.Describe(request)} timed out after {httpClient.Timeout.TotalSeconds:0.###} s.",
                exception);
        }
        catch (HttpRequestException exception)
        {
            // The body broke off after the handlers returned the headers.
            JuiceboxClientLog.TransportFailure(logger, request.Method, PathOf(request), JuiceboxTransportFailure.ConnectionFailed);
            throw new JuiceboxTransportException(
                JuiceboxTransportFailure.ConnectionFailed,
                $"{JuiceboxTransportErrorHandler.Describe(request)} failed while reading the answer: {exception.Message}",
                exception);
        }
    }

    private static string PathOf(HttpRequestMessage request) =>
        request.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request.RequestUri?.OriginalString ?? string.Empty;
}
