using Juicebox.GrainInterfaces.Telemetry;

namespace Juicebox.Grains.Telemetry;

/// <summary>
/// Puts the correlation id that arrived with a grain call (in its <see cref="RequestContext"/>) into
/// the log scope of everything the call does: the grain's own records, the grain calls it makes and
/// the upstream call's. Scopes are shared by every logger of the factory, so one scope covers them all.
/// </summary>
internal sealed class CorrelationGrainCallFilter(ILoggerFactory loggerFactory) : IIncomingGrainCallFilter
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<CorrelationGrainCallFilter>();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (Correlation.Current is not { } correlationId)
        {
            await context.Invoke();
            return;
        }

        using (_logger.BeginScope(new CorrelationLogScope(correlationId)))
        {
            await context.Invoke();
        }
    }
}
