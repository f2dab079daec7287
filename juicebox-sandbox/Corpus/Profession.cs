namespace Juicebox.Sandbox.Corpus;

/// <summary>A family of related jobs: the roles, skills, studies and phrasing its people share.</summary>
internal sealed record Profession(
    string Name,
    bool Ranked,
    string[] Roles,
    string[] Skills,
    string[] Fields,
    string[] Headlines,
    string[] Duties);
