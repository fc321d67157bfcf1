namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// The path between client and server (in process): it delivers the request and the response, but
/// when the attempt's plan says so it delays one of them, or drops one — then the caller hears nothing
/// and can only time out. A dropped response is the dangerous case: the server did the work.
/// </summary>
public sealed class UnreliableNetwork(FaultInjector injector)
{
    public async Task<T> CallAsync<T>(AttemptContext attempt, Func<CancellationToken, Task<T>> server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(server);
        #region Exercise 1.1.1-1: delay or drop the request (the server never sees it) or the response (the server did the work)
        if (attempt.Consume(FaultKind.MessageDelayed))
            await Task.Delay(injector.NextMessageDelay(), cancellationToken);
        var lost = attempt.VariantOf(FaultKind.MessageLost);
        if (lost == "request" && attempt.Consume(FaultKind.MessageLost))
            await Task.Delay(Timeout.Infinite, cancellationToken); // silence until the caller's deadline
        var response = await server(cancellationToken);
        if (lost == "response" && attempt.Consume(FaultKind.MessageLost))
            await Task.Delay(Timeout.Infinite, cancellationToken);
        return response;
        #endregion
    }
}
