using System.Diagnostics.CodeAnalysis;

namespace Juicebox.Deploy;

/// <summary>
/// <c>--probe &lt;url&gt;</c>: one HTTP GET, exit code 0 on a 2xx answer and 1 on anything else. The hosts'
/// container image (ASP.NET Core runtime) has no curl or wget, so a container health check runs the
/// host's own assembly with this argument instead. Compiled into every host (linked source).
/// </summary>
internal static class HealthProbe
{
    public const string Argument = "--probe";

    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(5);

    /// <summary>Whether <paramref name="args"/> ask for a probe rather than the host, and of which URL.</summary>
    public static bool IsRequested(string[] args, [NotNullWhen(true)] out string? url)
    {
        var index = Array.IndexOf(args, Argument);
        url = index < 0 ? null : index + 1 < args.Length ? args[index + 1] : string.Empty;
        return url is not null;
    }

    /// <summary>Probes <paramref name="url"/> and returns the process exit code; never starts the host.</summary>
    public static async Task<int> RunAsync(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            await Console.Error.WriteLineAsync($"{Argument} needs an absolute http(s) URL, e.g. {Argument} http://127.0.0.1:8080/health/ready; got '{url}'.");
            return 1;
        }

        using var client = new HttpClient { Timeout = _timeout };
        try
        {
            using var response = await client.GetAsync(address, HttpCompletionOption.ResponseHeadersRead);
            await Console.Out.WriteLineAsync($"{address} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            await Console.Out.WriteLineAsync($"{address} did not answer: {exception.Message}");
            return 1;
        }
    }
}
