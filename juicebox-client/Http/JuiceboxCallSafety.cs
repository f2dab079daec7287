namespace Juicebox.Client.Http;

/// <summary>Whether sending a request a second time can cost or change anything upstream.</summary>
internal enum JuiceboxCallSafety
{
    /// <summary>
    /// The call spends quota (enrichment): repeat it only when the upstream certainly did not
    /// process it. Unmarked requests are treated this way.
    /// </summary>
    SpendsQuota,

    /// <summary>A read: repeating it costs at most another request.</summary>
    Repeatable,
}
