namespace Juicebox.Sandbox.Search;

/// <summary>Where a query term looks. <see cref="Any"/> is a bare term.</summary>
internal enum QueryField
{
    Any,
    Name,
    Title,
    Company,
    Location,
    Skills,
}
