namespace Juicebox.GrainInterfaces.Search;

/// <summary>Why a query does not parse, and the 0-based offset of the problem in it.</summary>
public sealed record SearchQueryError(string Message, int Position);
