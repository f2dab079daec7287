namespace Juicebox.Cli;

/// <summary>What the process exit code tells a script.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Any other failure: the server answered 5xx (but 503), or something unexpected happened.</summary>
    public const int Failed = 1;

    /// <summary>The command line or its input is wrong (unknown option, unreadable file, 400 from the API).</summary>
    public const int BadInput = 2;

    /// <summary>The key is missing, unknown (401) or not allowed to do this (403).</summary>
    public const int Refused = 3;

    /// <summary>The service cannot be reached or cannot answer now: connection refused, timeout, 503.</summary>
    public const int Unavailable = 4;

    /// <summary>What was asked for does not exist (404): an unknown profile or job.</summary>
    public const int NotFound = 5;

    /// <summary>Interrupted with Ctrl-C (128 + SIGINT, as shells report it); a job keeps running on the server.</summary>
    public const int Interrupted = 130;
}
