using System.Text.Json;
using Juicebox.GrainInterfaces.Privacy;

namespace Juicebox.ClientApi.Webhooks;

/// <summary>Reads a verified body into a <see cref="JuiceboxWebhookEvent"/>, or says what is wrong with it.</summary>
internal static class WebhookEventReader
{
    public const int MaxIdLength = 128;
    public const int MaxTypeLength = 64;

    public static (JuiceboxWebhookEvent? Event, string? Problem) Read(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return (null, "The body is not JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "The body is not a JSON object.");
            }

            var id = String(root, "id");
            if (id is null || id.Length is 0 or > MaxIdLength || !id.All(IsPrintableAscii))
            {
                return (null, $"'id' must be a string of 1 to {MaxIdLength} printable ASCII characters.");
            }

            var type = String(root, "type");
            if (type is null || type.Length is 0 or > MaxTypeLength || !type.All(c => char.IsAsciiLetterLower(c) || c is '.' or '_'))
            {
                return (null, $"'type' must be 1 to {MaxTypeLength} lower-case letters, '.' or '_'.");
            }

            DateTimeOffset? timestamp = null;
            if (root.TryGetProperty("timestamp", out var at) && at.ValueKind == JsonValueKind.String)
            {
                if (!at.TryGetDateTimeOffset(out var parsed))
                {
                    return (null, "'timestamp' must be ISO 8601.");
                }

                timestamp = parsed;
            }

            var data = root.TryGetProperty("data", out var value) && value.ValueKind == JsonValueKind.Object ? value : default;
            var webhookEvent = new JuiceboxWebhookEvent { Id = id, Type = type, Timestamp = timestamp };
            switch (type)
            {
                case JuiceboxWebhookEvent.ProfileEnriched:
                    var profileId = data.ValueKind == JsonValueKind.Object ? String(data, "profileId") : null;
                    if (!ProfileKey.IsValidId(profileId))
                    {
                        return (null, "'data.profileId' of profile.enriched must be a profile id.");
                    }

                    return (webhookEvent with { ProfileId = profileId }, null);
                case JuiceboxWebhookEvent.QuotaWarning:
                    if (Number(data, "usage") is not { } usage || Number(data, "limit") is not { } limit || usage < 0 || limit < 0)
                    {
                        return (null, "'data.usage' and 'data.limit' of quota.warning must be numbers of at least 0.");
                    }

                    return (webhookEvent with { Usage = usage, Limit = limit }, null);
                default:
                    return (webhookEvent, null);
            }
        }
    }

    private static bool IsPrintableAscii(char c) => c is >= '!' and <= '~';

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
}
