namespace Juicebox.Client.Tests.Infrastructure;

/// <summary>
/// Counts attempts from inside the client's pipeline (added through the builder that
/// <c>AddJuiceboxClient</c> returns), for failures that never reach a server.
/// </summary>
public sealed class AttemptCounter
{
    private int _attempts;

    public int Attempts => Volatile.Read(ref _attempts);

    public DelegatingHandler CreateHandler() => new CountingHandler(this);

    private sealed class CountingHandler(AttemptCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter._attempts);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
