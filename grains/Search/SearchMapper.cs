using Juicebox.GrainInterfaces.Search;
using JuiceboxModels = Juicebox.Client.Models;

namespace Juicebox.Grains.Search;

/// <summary>Maps between canonical searches and the upstream client's search models.</summary>
internal static class SearchMapper
{
    public static JuiceboxModels.SearchRequest ToRequest(this SearchQuery query) => new()
    {
        Query = query.Text,
        Limit = query.Limit,
        Cursor = query.Cursor,
        Filters = query.Title is null && query.Company is null && query.Location is null && query.Skills.Count == 0
            ? null
            : new JuiceboxModels.SearchFilters
            {
                Title = query.Title,
                Company = query.Company,
                Location = query.Location,
                Skills = query.Skills.Count == 0 ? null : query.Skills,
            },
    };

    public static SearchPage ToPage(this JuiceboxModels.SearchResponse response) => new()
    {
        SearchId = response.SearchId,
        Profiles = [.. response.Profiles.Select(ToSummaryData)],
        Total = response.Total,
        NextCursor = response.NextCursor,
    };

    private static ProfileSummaryData ToSummaryData(JuiceboxModels.ProfileSummary summary) => new()
    {
        Id = summary.Id,
        Name = summary.Name,
        Title = summary.Title,
        Company = summary.Company,
        Location = summary.Location,
        LinkedinUrl = summary.LinkedinUrl,
        Skills = [.. summary.Skills],
    };
}
