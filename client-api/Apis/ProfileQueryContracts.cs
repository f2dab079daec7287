using System.Text.Json.Serialization;
using Juicebox.GrainInterfaces.LocalQueries;

namespace Juicebox.ClientApi.Apis;

/// <summary>
/// A page of <c>GET /api/v1/profiles</c>. <see cref="NextCursor"/> is null on the last page; otherwise
/// pass it back as <c>cursor</c> with the same filters for the next one.
/// </summary>
public sealed record ProfileListResponse(
    IReadOnlyList<ProfileListing> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor);
