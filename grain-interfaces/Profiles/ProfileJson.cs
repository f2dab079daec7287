using System.Text.Json;
using System.Text.Json.Serialization;

namespace Juicebox.GrainInterfaces.Profiles;

/// <summary>
/// The public API's JSON: web defaults, null members left out, enums as camelCase strings, numbers
/// read only as JSON numbers (the web defaults would also take "3" for 3, which the OpenAPI document
/// does not promise; writing is the same either way, so the bytes a grain renders are). client-api
/// configures its HTTP JSON with <see cref="Configure"/> and profile grains render with <see cref="Options"/>,
/// so a profile rendered once by its grain reads exactly as one serialized per response.
/// </summary>
public static class ProfileJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    /// <summary>The UTF-8 JSON body of <c>GET /api/v1/profiles/{id}</c> for <paramref name="profile"/>.</summary>
    public static byte[] Render(ProfileData profile) => JsonSerializer.SerializeToUtf8Bytes(profile, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
