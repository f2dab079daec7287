using Juicebox.GrainInterfaces.Clients;

namespace Juicebox.Grains.Clients;

/// <inheritdoc cref="IClientRateGrain"/>
internal sealed class ClientRateGrain : Grain, IClientRateGrain
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private DateTimeOffset _windowStart;
    private int _leased;

    public Task<ClientRateLease> LeaseAsync(int wanted, int limitPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(wanted);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limitPerMinute);
        Roll();
        var granted = Math.Min(wanted, Math.Max(0, limitPerMinute - _leased));
        _leased += granted;
        return Task.FromResult(new ClientRateLease(granted, _windowStart + Window));
    }

    public Task<int> GetLeasedThisMinuteAsync()
    {
        Roll();
        return Task.FromResult(_leased);
    }

    private void Roll()
    {
        var now = TimeProvider.System.GetUtcNow();
        var start = new DateTimeOffset(now.Ticks - (now.Ticks % Window.Ticks), TimeSpan.Zero);
        if (start != _windowStart)
        {
            _windowStart = start;
            _leased = 0;
        }
    }
}
