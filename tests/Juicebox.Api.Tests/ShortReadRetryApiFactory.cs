namespace Juicebox.Api.Tests;

/// <summary>client-api in Embedded mode whose reads retry for 1.5 s, at most 0.2 s apart, each attempt given 0.2 s.</summary>
public sealed class ShortReadRetryApiFactory : EmbeddedApiFactory
{
    public ShortReadRetryApiFactory() => WithSetting("ReadRetry:Window", "00:00:01.500")
        .WithSetting("ReadRetry:MaxDelay", "00:00:00.200")
        .WithSetting("ReadRetry:AttemptTimeout", "00:00:00.200");
}
