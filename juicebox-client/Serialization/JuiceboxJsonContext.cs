using System.Text.Json;
using System.Text.Json.Serialization;
using Juicebox.Client.Models;

namespace Juicebox.Client.Serialization;

/// <summary>
/// Source-generated JSON for every body the client sends or reads: web defaults (camelCase,
/// case-insensitive reads), unknown properties ignored, nulls left out of requests.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(HealthStatus))]
[JsonSerializable(typeof(AccountInfo))]
[JsonSerializable(typeof(UsageInfo))]
[JsonSerializable(typeof(SearchRequest))]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(Profile))]
[JsonSerializable(typeof(ProfileBatch))]
[JsonSerializable(typeof(ProfileIdsRequest))]
[JsonSerializable(typeof(EnrichRequest))]
[JsonSerializable(typeof(EnrichedProfile))]
[JsonSerializable(typeof(EnrichBatchRequest))]
[JsonSerializable(typeof(EnrichedProfileBatch))]
internal sealed partial class JuiceboxJsonContext : JsonSerializerContext;
