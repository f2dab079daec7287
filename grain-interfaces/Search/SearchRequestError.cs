namespace Juicebox.GrainInterfaces.Search;

/// <summary>
/// Why a search is refused before it reaches the upstream: <see cref="Code"/> is the upstream's code
/// for the same mistake (<c>INVALID_QUERY</c> with <see cref="Position"/>, or <c>INVALID_REQUEST</c>),
/// <see cref="Field"/> the body property at fault.
/// </summary>
public sealed record SearchRequestError(string Code, string Field, string Message, int? Position = null)
{
    public const string InvalidQuery = "INVALID_QUERY";
    public const string InvalidRequest = "INVALID_REQUEST";
}
