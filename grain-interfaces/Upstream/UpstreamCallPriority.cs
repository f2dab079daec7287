namespace Juicebox.GrainInterfaces.Upstream;

/// <summary>Who is waiting for an upstream call, which decides how long it may queue for the budget.</summary>
[GenerateSerializer, Alias("Juicebox.UpstreamCallPriority")]
public enum UpstreamCallPriority
{
    /// <summary>A caller is waiting for the answer (a profile read, a search).</summary>
    Interactive = 0,

    /// <summary>Work nobody waits for (enrichment): it yields to interactive calls and retries later.</summary>
    Background = 1,
}
