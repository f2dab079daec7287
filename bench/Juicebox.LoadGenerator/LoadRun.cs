using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime;

namespace Juicebox.LoadGenerator;

/// <summary>One run of a plan: the shared client, the workers and the bounds they obey.</summary>
internal sealed class LoadRun : IDisposable
{
    private readonly LoadPlan _plan;
    private readonly LoadTargets _targets;
    private readonly LoadTargets? _warmupTargets;
    private readonly List<long> _warmupRoundJitMethods = [];
    private readonly HttpClient _client;
    private readonly KeyValuePair<string, string>[] _headers;
    private readonly string[] _countHeaders;
    private readonly TimeSpan _timeout;
    private readonly long? _requestLimit;

    /// <summary>Which target indexes were requested while measuring; null when the path has no <c>{id}</c>.</summary>
    private readonly bool[]? _requested;

    private long _measureStart;
    private long _deadline;
    private long _measuredStarted;
    private string? _firstError;
    private string? _firstWarmupError;

    public LoadRun(LoadPlan plan, LoadTargets targets)
    {
        _plan = plan;
        _targets = targets;
        _warmupTargets = plan.WarmupIdsFile is { } warmupIds ? LoadTargets.Create(plan, warmupIds) : null;
        _headers = [.. plan.Headers];
        _countHeaders = [.. plan.CountHeaders];
        _timeout = TimeSpan.FromSeconds(plan.TimeoutSeconds);
        _requestLimit = plan.Requests;
        _requested = plan.UsesIds ? new bool[targets.Uris.Length] : null;
        _client = new HttpClient(
            new SocketsHttpHandler
            {
                MaxConnectionsPerServer = plan.Connections,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                UseCookies = false,
                UseProxy = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                ActivityHeadersPropagator = null,
            },
            disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<LoadResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        var workers = CreateWorkers();
        var warmupSeconds = _plan.WarmupSeconds;
        if (_warmupTargets is not null)
        {
            warmupSeconds = await WarmUpOnOtherIdsAsync(workers, _warmupTargets, cancellationToken);
        }

        var warmup = TimeSpan.FromSeconds(_plan.WarmupSeconds);
        var start = Stopwatch.GetTimestamp();
        _measureStart = start + (long)(_plan.WarmupSeconds * Stopwatch.Frequency);
        _deadline = _plan.DurationSeconds is { } duration
            ? _measureStart + (long)(duration * Stopwatch.Frequency)
            : long.MaxValue;

        using var runEnded = new CancellationTokenSource();
        TimeSpan? cpuAtMeasureStart = null;
        (long Methods, TimeSpan Time)? jitAtMeasureStart = null;
        var measureStarted = Task.CompletedTask;
        if (warmup > TimeSpan.Zero)
        {
            measureStarted = Task.Run(
                async () =>
                {
                    await Task.Delay(warmup, runEnded.Token);
                    cpuAtMeasureStart = Environment.CpuUsage.TotalTime;
                    jitAtMeasureStart = (JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
                },
                CancellationToken.None);
        }
        else
        {
            cpuAtMeasureStart = Environment.CpuUsage.TotalTime;
            jitAtMeasureStart = (JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
        }

        try
        {
            await Task.WhenAll(workers.Select(worker => Task.Run(() => RunWorkerAsync(worker, warmupPicker: null, cancellationToken), cancellationToken)));
        }
        finally
        {
            await runEnded.CancelAsync();
            await measureStarted.ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        var end = Stopwatch.GetTimestamp();
        var cpuSeconds = cpuAtMeasureStart is { } cpuStart ? (Environment.CpuUsage.TotalTime - cpuStart).TotalSeconds : 0;
        var jit = jitAtMeasureStart is { } jitStart
            ? (JitInfo.GetCompiledMethodCount() - jitStart.Methods, (JitInfo.GetCompilationTime() - jitStart.Time).TotalSeconds)
            : (0L, 0.0);
        var elapsedSeconds = Math.Max(0, end - _measureStart) / (double)Stopwatch.Frequency;
        return Merge(workers, elapsedSeconds, cpuSeconds, warmupSeconds) with
        {
            JitCompiledMethods = jit.Item1,
            JitSeconds = jit.Item2,
            WarmupRoundJitMethods = _warmupRoundJitMethods,
        };
    }

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// Reads every warm-up id once on the workers' connections, unrecorded; waits for this process's JIT
    /// compiler to finish what the reads gave it; then, with a start file, signals and waits for the start.
    /// Returns how long the reads took.
    /// </summary>
    private async Task<double> WarmUpOnOtherIdsAsync(LoadWorker[] workers, LoadTargets targets, CancellationToken cancellationToken)
    {
        var seconds = 0.0;
        var count = targets.Uris.Length;
        var rounds = Math.Min(_plan.WarmupRounds, count);
        for (var round = 0; round < rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            var cursor = new SequentialCursor(count, first: (int)((long)count * round / rounds), end: (int)((long)count * (round + 1) / rounds));
            var methods = JitInfo.GetCompiledMethodCount();
            await Task.WhenAll(workers.Select(worker => Task.Run(() => RunWorkerAsync(worker, IdPicker.Sequential(cursor), cancellationToken), cancellationToken)));
            seconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
            await JitQuiet.WaitAsync(cancellationToken);
            _warmupRoundJitMethods.Add(JitInfo.GetCompiledMethodCount() - methods);
        }

        foreach (var worker in workers)
        {
            worker.ForgetRecordsAsWarmup(IsSuccess);
        }

        _firstWarmupError = Interlocked.Exchange(ref _firstError, null);

        if (_plan.WarmedFile is { } warmed && _plan.StartFile is { } start)
        {
            await File.WriteAllTextAsync(warmed, string.Empty, cancellationToken);
            await StartSignal.WaitAsync(start, TimeSpan.FromSeconds(_plan.StartWaitSeconds), cancellationToken);
        }

        return seconds;
    }

    private LoadWorker[] CreateWorkers()
    {
        var count = _targets.Uris.Length;
        var cursor = _plan.Order == LoadOrder.Sequential ? new SequentialCursor(count) : null;
        var zipf = _plan.UsesIds && _plan.Order == LoadOrder.Zipf ? new ZipfDistribution(count, _plan.ZipfExponent) : null;
        var expected = (int)Math.Clamp((_plan.Requests ?? (cursor is null ? 0 : count)) / _plan.Connections + 16, 16, 1 << 20);
        var workers = new LoadWorker[_plan.Connections];
        for (var i = 0; i < workers.Length; i++)
        {
            var seed = unchecked(_plan.Seed + i);
            var picker = !_plan.UsesIds ? IdPicker.Constant()
                : cursor is not null ? IdPicker.Sequential(cursor)
                : zipf is not null ? IdPicker.Zipf(zipf, seed)
                : IdPicker.Uniform(count, seed);
            workers[i] = new LoadWorker(picker, _countHeaders.Length, expected);
        }

        return workers;
    }

    /// <summary>The worker's loop: the measured run's requests, or with <paramref name="warmupPicker"/> the warm-up ids' until they run out.</summary>
    private async Task RunWorkerAsync(LoadWorker worker, IdPicker? warmupPicker, CancellationToken cancellationToken)
    {
        var requestCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var started = Stopwatch.GetTimestamp();
                if (warmupPicker is not null)
                {
                    if (!warmupPicker.TryNext(out var warmupIndex))
                    {
                        return;
                    }

                    // Recorded as measured ones are, so that the measurement's own code is warm too; forgotten after the warm-up.
                    await SendAsync(worker, _warmupTargets!.Uris[warmupIndex], started, measured: true, requestCancellation, cancellationToken);
                    requestCancellation = Renew(requestCancellation, cancellationToken);
                    continue;
                }

                var measured = started >= _measureStart;
                if (measured && (started >= _deadline || (_requestLimit is { } limit && Interlocked.Increment(ref _measuredStarted) > limit)))
                {
                    return;
                }

                if (!worker.Picker.TryNext(out var index))
                {
                    return;
                }

                if (measured && _requested is not null)
                {
                    _requested[index] = true;
                }

                await SendAsync(worker, _targets.Uris[index], started, measured, requestCancellation, cancellationToken);
                requestCancellation = Renew(requestCancellation, cancellationToken);
            }
        }
        finally
        {
            requestCancellation.Dispose();
        }
    }

    private static CancellationTokenSource Renew(CancellationTokenSource requestCancellation, CancellationToken cancellationToken)
    {
        if (requestCancellation.TryReset())
        {
            return requestCancellation;
        }

        requestCancellation.Dispose();
        return CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    private async Task SendAsync(
        LoadWorker worker,
        Uri uri,
        long started,
        bool measured,
        CancellationTokenSource requestCancellation,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        foreach (var (name, value) in _headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        requestCancellation.CancelAfter(_timeout);
        var token = requestCancellation.Token;
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            var bodyBytes = 0L;
            using (var body = await response.Content.ReadAsStreamAsync(token))
            {
                int read;
                while ((read = await body.ReadAsync(worker.Buffer, token)) > 0)
                {
                    bodyBytes += read;
                }
            }

            if (!measured)
            {
                worker.RecordWarmupResponse(IsSuccess(response.StatusCode));
                return;
            }

            worker.RecordResponse(response, bodyBytes, Stopwatch.GetTimestamp() - started, _countHeaders);
            if (!IsSuccess(response.StatusCode))
            {
                NoteFirstError($"GET {uri.PathAndQuery} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && requestCancellation.IsCancellationRequested)
        {
            if (measured)
            {
                worker.RecordTimeout(Stopwatch.GetTimestamp() - started);
                NoteFirstError($"GET {uri.PathAndQuery} timed out after {_timeout.TotalSeconds:0.###} s");
            }
            else
            {
                worker.RecordWarmupResponse(succeeded: false);
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            if (measured)
            {
                worker.RecordError(Stopwatch.GetTimestamp() - started);
                var cause = exception.GetBaseException();
                var detail = ReferenceEquals(cause, exception) ? exception.Message : $"{exception.Message} ({cause.Message})";
                NoteFirstError($"GET {uri.PathAndQuery} failed: {exception.GetType().Name}: {detail}");
            }
            else
            {
                worker.RecordWarmupResponse(succeeded: false);
            }
        }
    }

    private static bool IsSuccess(HttpStatusCode status) =>
        status is >= HttpStatusCode.OK and < HttpStatusCode.Ambiguous or HttpStatusCode.NotModified;

    private void NoteFirstError(string description) => Interlocked.CompareExchange(ref _firstError, description, null);

    private LoadResult Merge(LoadWorker[] workers, double elapsedSeconds, double cpuSeconds, double warmupSeconds)
    {
        var latencies = new long[workers.Sum(worker => worker.Latencies.Count)];
        var offset = 0;
        foreach (var worker in workers)
        {
            worker.Latencies.CopyTo(latencies, offset);
            offset += worker.Latencies.Count;
        }

        var statuses = new Dictionary<string, long>();
        var succeeded = 0L;
        for (var status = 0; status < workers[0].StatusCounts.Length; status++)
        {
            var count = workers.Sum(worker => worker.StatusCounts[status]);
            if (count > 0)
            {
                statuses[status.ToString(CultureInfo.InvariantCulture)] = count;
                if (IsSuccess((HttpStatusCode)status))
                {
                    succeeded += count;
                }
            }
        }

        AddIfAny(statuses, "error", workers.Sum(worker => worker.Errors));
        AddIfAny(statuses, "timeout", workers.Sum(worker => worker.Timeouts));

        var headerCounts = new Dictionary<string, IReadOnlyDictionary<string, long>>();
        for (var i = 0; i < _countHeaders.Length; i++)
        {
            headerCounts[_countHeaders[i]] = workers
                .SelectMany(worker => worker.HeaderCounts[i])
                .GroupBy(pair => pair.Key, StringComparer.Ordinal)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value), StringComparer.Ordinal);
        }

        var requested = _requested;
        var distinctIds = requested is null
            ? 0
            : _targets.Ids.Where((_, index) => requested[index]).Distinct(StringComparer.Ordinal).Count();
        var requests = latencies.LongLength;
        var bodyBytes = workers.Sum(worker => worker.BodyBytes);
        return new LoadResult
        {
            Requests = requests,
            Succeeded = succeeded,
            Failed = requests - succeeded,
            Statuses = statuses,
            ElapsedSeconds = elapsedSeconds,
            RequestsPerSecond = elapsedSeconds > 0 ? requests / elapsedSeconds : 0,
            LatencyMs = LatencyStatistics.Summarize(latencies, Stopwatch.Frequency),
            BodyBytes = bodyBytes,
            MeanBodyBytes = requests > 0 ? bodyBytes / (double)requests : 0,
            DistinctIds = distinctIds,
            HeaderCounts = headerCounts,
            WarmupRequests = workers.Sum(worker => worker.WarmupCompleted),
            WarmupFailed = workers.Sum(worker => worker.WarmupFailed),
            FirstWarmupError = _firstWarmupError,
            InlineSocketCompletions = Environment.GetEnvironmentVariable(SocketCompletions.RuntimeVariable) == "1",
            WarmupSeconds = warmupSeconds,
            CpuSeconds = cpuSeconds,
            CpuCores = elapsedSeconds > 0 ? cpuSeconds / elapsedSeconds : 0,
            FirstError = _firstError,
        };
    }

    private static void AddIfAny(Dictionary<string, long> statuses, string key, long count)
    {
        if (count > 0)
        {
            statuses[key] = count;
        }
    }
}
