namespace Juicebox.Sandbox.Faults;

/// <summary>
/// Faults the sandbox injects into <c>/v1</c> calls. Also the JSON body of
/// <c>GET</c>/<c>PUT /_sandbox/faults</c>; a PUT replaces every field.
/// </summary>
public sealed class SandboxFaultOptions
{
    /// <summary>Delay added to every call, in milliseconds.</summary>
    public int LatencyMs { get; set; }

    /// <summary>A random extra delay of up to this many milliseconds.</summary>
    public int JitterMs { get; set; }

    /// <summary>Share (0..1) of calls answered 500 INTERNAL_ERROR.</summary>
    public double ErrorRate { get; set; }

    /// <summary>Share (0..1) of calls answered 503 SERVICE_UNAVAILABLE with retry-after.</summary>
    public double UnavailableRate { get; set; }

    /// <summary>Share (0..1) of calls that never answer, until the client gives up.</summary>
    public double HangRate { get; set; }

    /// <summary>Every call fails with 503, as in a maintenance window.</summary>
    public bool FailAll { get; set; }

    /// <summary>Every call has its connection closed without an answer, as a server gone away.</summary>
    public bool DropConnections { get; set; }

    /// <summary>Share (0..1) of calls answered 200 with a body that is not valid JSON (cut short).</summary>
    public double MalformedRate { get; set; }

    /// <summary>Share (0..1) of calls answered 200 with valid JSON whose fields have the wrong types.</summary>
    public double WrongTypesRate { get; set; }

    /// <summary>The retry-after of injected 503 answers, in seconds.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    public SandboxFaultOptions Clone()
    {
        return (SandboxFaultOptions)MemberwiseClone();
    }

    /// <summary>Every problem with these settings, for a 400 or a start-up failure.</summary>
    public IReadOnlyList<string> Validate(string prefix)
    {
        var errors = new List<string>();
        if (LatencyMs < 0)
        {
            errors.Add($"{prefix}LatencyMs must be >= 0.");
        }

        if (JitterMs < 0)
        {
            errors.Add($"{prefix}JitterMs must be >= 0.");
        }

        CheckRate(errors, prefix + nameof(ErrorRate), ErrorRate);
        CheckRate(errors, prefix + nameof(UnavailableRate), UnavailableRate);
        CheckRate(errors, prefix + nameof(HangRate), HangRate);
        CheckRate(errors, prefix + nameof(MalformedRate), MalformedRate);
        CheckRate(errors, prefix + nameof(WrongTypesRate), WrongTypesRate);
        if (RetryAfterSeconds < 0)
        {
            errors.Add($"{prefix}RetryAfterSeconds must be >= 0.");
        }

        return errors;
    }

    private static void CheckRate(List<string> errors, string name, double value)
    {
        if (double.IsNaN(value) || value < 0 || value > 1)
        {
            errors.Add($"{name} must be between 0 and 1.");
        }
    }
}
