namespace Juicebox.Client.Serialization;

/// <summary>The body of <c>POST /profiles/batch</c>.</summary>
internal sealed record ProfileIdsRequest(IReadOnlyCollection<string> Ids);

/// <summary>The body of <c>POST /enrich/batch</c>.</summary>
internal sealed record EnrichBatchRequest(IReadOnlyCollection<string> ProfileIds);
