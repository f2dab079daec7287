using System.CommandLine;
using Juicebox.Cli.Api;

namespace Juicebox.Cli.Commands;

/// <summary>The options every command shares: where the API is and which key to send (or JUICEBOX_URL / JUICEBOX_KEY).</summary>
public sealed class Connection
{
    public const string DefaultUrl = "http://localhost:5000";

    public Option<string?> Url { get; } = new("--url")
    {
        Description = $"The Orleans.Juicebox base address (default: JUICEBOX_URL, else {DefaultUrl})",
        Recursive = true,
    };

    public Option<string?> Key { get; } = new("--key")
    {
        Description = "The API key (default: JUICEBOX_KEY); prefer the variable, a key on the command line shows in the process list",
        Recursive = true,
    };

    /// <summary>The API client for the parsed options; throws <see cref="UsageException"/> when no key or a bad address is given.</summary>
    public JuiceboxApi Open(ParseResult parse)
    {
        var url = parse.GetValue(Url) ?? Environment.GetEnvironmentVariable("JUICEBOX_URL") ?? DefaultUrl;
        var key = parse.GetValue(Key) ?? Environment.GetEnvironmentVariable("JUICEBOX_KEY");
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new UsageException("No API key: pass --key or set JUICEBOX_KEY (Embedded mode prints its keys when it starts).");
        }

        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--url must be an http or https address; got '{url}'.");
        }

        return new JuiceboxApi(address, key.Trim());
    }
}

/// <summary>The command line or its input is wrong; exits with <see cref="ExitCodes.BadInput"/>.</summary>
public sealed class UsageException(string message) : Exception(message);
