namespace Juicebox.Client.Tests.Infrastructure;

/// <summary>One request as the stub server saw it.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, string Body, TimeSpan ArrivedAt)
{
    public string Route => $"{Method} {Path}";
}
