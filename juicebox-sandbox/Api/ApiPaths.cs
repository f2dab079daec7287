namespace Juicebox.Sandbox.Api;

/// <summary>Where the contract's API is served.</summary>
internal static class ApiPaths
{
    public const string Prefix = "/v1";
}
