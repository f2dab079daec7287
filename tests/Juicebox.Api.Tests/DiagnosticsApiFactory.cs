namespace Juicebox.Api.Tests;

/// <summary>client-api in Embedded mode with <c>Diagnostics:Enabled</c>.</summary>
public sealed class DiagnosticsApiFactory : EmbeddedApiFactory
{
    public DiagnosticsApiFactory() => WithSetting("Diagnostics:Enabled", "true");
}
