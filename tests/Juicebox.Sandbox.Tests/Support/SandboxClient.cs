using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Juicebox.Sandbox.Tests.Support;

/// <summary>A thin HTTP client for the sandbox that keeps raw status, headers and JSON.</summary>
internal sealed class SandboxClient : IDisposable
{
    private readonly HttpClient _http;

    public SandboxClient(SandboxServer server, string? apiKey = "sb_business", TimeSpan? timeout = null)
    {
        _http = new HttpClient { BaseAddress = server.RootAddress, Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        if (apiKey is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public Task<ApiCall> GetAsync(string path)
    {
        return SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
    }

    public Task<ApiCall> PostAsync(string path, object body)
    {
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) });
    }

    public Task<ApiCall> PostRawAsync(string path, string? rawBody)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (rawBody is not null)
        {
            request.Content = new StringContent(rawBody, Encoding.UTF8, "application/json");
        }

        return SendAsync(request);
    }

    public Task<ApiCall> PutAsync(string path, object body)
    {
        return SendAsync(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) });
    }

    public Task<ApiCall> SearchAsync(string query, int? limit = null, string? cursor = null, object? filters = null)
    {
        return PostAsync("v1/search", new { query, limit, cursor, filters });
    }

    public async Task<ApiCall> SendAsync(HttpRequestMessage request)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new ApiCall(response.StatusCode, response, body);
    }

    public void Dispose()
    {
        _http.Dispose();
    }
}
