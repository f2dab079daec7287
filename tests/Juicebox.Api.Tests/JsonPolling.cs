using System.Net.Http.Json;
using System.Text.Json;

namespace Juicebox.Api.Tests;

internal static class JsonPolling
{
    /// <summary>GETs <paramref name="url"/> until a 200 answer satisfies <paramref name="done"/>, or fails after <paramref name="timeout"/> saying what was awaited.</summary>
    public static async Task<JsonElement> PollJsonAsync(
        this HttpClient client, string url, Func<JsonElement, bool> done, string awaited, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        JsonElement last = default;
        while (DateTimeOffset.UtcNow < deadline)
        {
            using var response = await client.GetAsync(url, cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                last = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                if (done(last))
                {
                    return last;
                }
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"Waited {timeout} for {awaited}; last answer: {last}");
    }
}
