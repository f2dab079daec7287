using System.Net;
using System.Text.Json;

namespace Juicebox.Sandbox.Tests.Support;

/// <summary>One answer of the sandbox: status, headers and the parsed JSON body.</summary>
internal sealed record ApiCall(HttpStatusCode Status, HttpResponseMessage Response, JsonElement Body)
{
    public string? ErrorCode => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("error", out var error)
        ? error.GetProperty("code").GetString()
        : null;

    public string? Header(string name)
    {
        if (Response.Headers.TryGetValues(name, out var values))
        {
            return values.Single();
        }

        return null;
    }

    public long? RetryAfterSeconds => Header("retry-after") is { } value ? long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : null;
}
