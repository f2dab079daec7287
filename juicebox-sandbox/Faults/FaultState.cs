using Juicebox.Sandbox.Corpus;
using Microsoft.Extensions.Options;

namespace Juicebox.Sandbox.Faults;

/// <summary>
/// The faults currently in force and the seeded dice that apply them. Every call rolls the same
/// number of dice, so a given seed and call order always produce the same faults.
/// </summary>
public sealed class FaultState
{
    private readonly Lock _lock = new();
    private readonly ulong _seed;
    private SandboxFaultOptions _current;
    private SplitMix64 _dice;

    // The lies have dice of their own, so that adding them left the other faults' sequences as they were.
    private SplitMix64 _lieDice;

    public FaultState(IOptions<SandboxOptions> options)
    {
        _seed = (ulong)options.Value.Seed ^ 0xFA17_FA17_FA17_FA17UL;
        _current = options.Value.Faults.Clone();
        _dice = new SplitMix64(_seed);
        _lieDice = new SplitMix64(~_seed);
    }

    /// <summary>A copy of the faults in force.</summary>
    public SandboxFaultOptions Current
    {
        get
        {
            lock (_lock)
            {
                return _current.Clone();
            }
        }
    }

    /// <summary>Replaces the faults in force and restarts the dice from the seed.</summary>
    public void Set(SandboxFaultOptions faults)
    {
        lock (_lock)
        {
            _current = faults.Clone();
            _dice = new SplitMix64(_seed);
            _lieDice = new SplitMix64(~_seed);
        }
    }

    internal FaultDecision Roll()
    {
        lock (_lock)
        {
            var faults = _current;
            var jitter = _dice.NextDouble();
            var hang = _dice.NextDouble();
            var error = _dice.NextDouble();
            var unavailable = _dice.NextDouble();

            var delay = TimeSpan.FromMilliseconds(faults.LatencyMs + Math.Floor(jitter * (faults.JitterMs + 1)));
            var status = faults.FailAll || unavailable < faults.UnavailableRate
                ? StatusCodes.Status503ServiceUnavailable
                : error < faults.ErrorRate ? StatusCodes.Status500InternalServerError : 0;
            var lie = _lieDice.NextDouble();
            return new FaultDecision(delay, !faults.FailAll && hang < faults.HangRate, status, faults.RetryAfterSeconds)
            {
                Drop = faults.DropConnections,
                Lie = lie < faults.MalformedRate ? FaultLie.MalformedJson
                    : lie < faults.MalformedRate + faults.WrongTypesRate ? FaultLie.WrongTypes
                    : FaultLie.None,
            };
        }
    }
}
