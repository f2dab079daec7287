using System.Diagnostics.Metrics;
using Juicebox.Client.Resilience;
using Juicebox.GrainInterfaces.Upstream;
using Juicebox.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace Juicebox.Grains.Upstream;

/// <summary>
/// Makes this silo's upstream circuit breaker visible: the gauge <c>juicebox.upstream.circuit.open</c>
/// (1 while open or half-open) and a report to the budget grain whenever it opens or closes, which
/// <c>GET /api/v1/operator/budget</c> lists as <c>openCircuits</c>.
/// </summary>
internal sealed partial class UpstreamCircuitReporter(
    IJuiceboxCircuitState circuit,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IMeterFactory meterFactory,
    [FromKeyedServices(JuiceboxServiceKeys.UpstreamClock)] TimeProvider clock,
    ILogger<UpstreamCircuitReporter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        meterFactory.Create(JuiceboxMetrics.MeterName).CreateObservableGauge(
            "juicebox.upstream.circuit.open",
            () => circuit.IsOpen ? 1 : 0,
            description: "1 while this silo's circuit breaker to the upstream is open or half-open (calls fail fast), 0 while closed.");
        circuit.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        circuit.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(object? sender, EventArgs e)
    {
        var report = new UpstreamCircuitReport
        {
            Silo = silo.SiloAddress.ToString(),
            IsOpen = circuit.IsOpen,
            OpenUntil = circuit.OpenUntil,
            TimesOpened = circuit.TimesOpened,
            ReportedAt = clock.GetUtcNow(),
        };
        LogCircuitChanged(report.IsOpen ? "opened" : "closed", report.TimesOpened);
        _ = ReportAsync(report);
    }

    private async Task ReportAsync(UpstreamCircuitReport report)
    {
        try
        {
            await grains.GetUpstreamBudgetGrain().ReportCircuitAsync(report);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The operator view misses one change; the gauge still tells, and the next change reports again.
            LogReportFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The upstream circuit breaker {Change} (opened {TimesOpened} times since start)")]
    private partial void LogCircuitChanged(string change, long timesOpened);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report the upstream circuit breaker's state to the budget")]
    private partial void LogReportFailed(Exception exception);
}
