using System.Diagnostics.Metrics;
using System.Security.Claims;
using System.Threading.Channels;
using Juicebox.GrainInterfaces.Privacy;
using Juicebox.GrainInterfaces.Telemetry;
using Juicebox.Grains.Telemetry;

namespace Juicebox.ClientApi.Auditing;

/// <summary>
/// client-api's side of the audit log. Contact reads happen on the hot path, so a request only puts
/// its row in a bounded buffer; a background loop hands the rows to the cluster's audit log in batches
/// (every <see cref="FlushInterval"/>, or at <see cref="MaxBatch"/> rows), and flushes what is left when
/// the host stops. A full buffer, or a batch the cluster refused three times, is counted on
/// <c>juicebox.audit.dropped</c>, never waited for.
/// </summary>
public sealed partial class AuditTrail : BackgroundService
{
    public const int Capacity = 50_000;
    public const int MaxBatch = 1_000;
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);
    private const int Attempts = 3;

    private readonly Channel<AuditEntry> _buffer = Channel.CreateBounded<AuditEntry>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private readonly IGrainFactory _grains;
    private readonly TimeProvider _clock;
    private readonly ILogger<AuditTrail> _logger;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _written;

    public AuditTrail(IGrainFactory grains, TimeProvider clock, IMeterFactory meters, ILogger<AuditTrail> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _grains = grains;
        _clock = clock;
        _logger = logger;
        var meter = meters.Create(JuiceboxMetrics.MeterName);
        _dropped = meter.CreateCounter<long>("juicebox.audit.dropped", "{row}", "Audit rows lost: the buffer was full, or the cluster refused their batch.");
        _written = meter.CreateCounter<long>("juicebox.audit.written", "{row}", "Audit rows handed to the cluster's audit log.");
    }

    /// <summary>A contact block was returned to <paramref name="user"/>.</summary>
    public void ContactRead(ClaimsPrincipal user, string profileId) => Record(ClientOf(user), AuditActions.ContactRead, profileId, count: null, detail: null);

    /// <summary>An operator put <paramref name="count"/> dead letters back on the queue.</summary>
    public void DeadLettersRetried(ClaimsPrincipal user, int count) => Record(ClientOf(user), AuditActions.DeadLettersRetried, null, count, null);

    /// <summary>A key was refused; only a short hash of it is kept (<see cref="KeyFingerprint"/>).</summary>
    public void KeyRejected(string presentedKey) =>
        Record(AuditActions.UnknownClient, AuditActions.KeyRejected, null, null, KeyFingerprint.Of(presentedKey));

    private void Record(string client, string action, string? profileId, int? count, string? detail)
    {
        var entry = new AuditEntry
        {
            At = _clock.GetUtcNow(),
            Client = client,
            Action = action,
            ProfileId = profileId,
            Count = count,
            Detail = detail,
            CorrelationId = Correlation.Current,
        };
        if (!_buffer.Writer.TryWrite(entry))
        {
            _dropped.Add(1);
        }
    }

    private static string ClientOf(ClaimsPrincipal user) => user.Identity?.Name is { Length: > 0 } name ? name : AuditActions.UnknownClient;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The loop drains what is buffered, then ends.
        _buffer.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _buffer.Reader;
        var batch = new List<AuditEntry>(MaxBatch);
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            await FillAsync(reader, batch);
            await SendAsync(batch, stoppingToken);
            batch.Clear();
        }
    }

    /// <summary>Takes rows until the batch is full or <see cref="FlushInterval"/> has passed since the first.</summary>
    private async Task FillAsync(ChannelReader<AuditEntry> reader, List<AuditEntry> batch)
    {
        var deadline = _clock.GetUtcNow() + FlushInterval;
        while (batch.Count < MaxBatch)
        {
            if (reader.TryRead(out var entry))
            {
                batch.Add(entry);
                continue;
            }

            var left = deadline - _clock.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            using var wait = new CancellationTokenSource(left, _clock);
            try
            {
                if (!await reader.WaitToReadAsync(wait.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (wait.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task SendAsync(List<AuditEntry> batch, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _grains.GetGrain<IAuditLogGrain>(0).AppendAsync([.. batch]);
                _written.Add(batch.Count);
                return;
            }
            catch (Exception exception) when (attempt < Attempts && exception is not OperationCanceledException)
            {
                LogRetrying(exception, batch.Count, attempt);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(attempt), _clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: one last attempt, without waiting.
                }
            }
            catch (Exception exception)
            {
                _dropped.Add(batch.Count);
                LogDropped(exception, batch.Count);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster refused {Count} audit rows (attempt {Attempt}); retrying")]
    private partial void LogRetrying(Exception exception, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} audit rows were dropped: the cluster refused them")]
    private partial void LogDropped(Exception exception, int count);
}
