using System.Text.Json.Serialization;

namespace Juicebox.Sandbox.Api;

/// <summary>The body of every non-2xx answer: <c>{"error":{"code","message","details"?}}</c>.</summary>
internal sealed record ErrorEnvelope(ErrorBody Error);

/// <summary>The inside of <see cref="ErrorEnvelope"/>.</summary>
internal sealed record ErrorBody(
    string Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Details = null);
