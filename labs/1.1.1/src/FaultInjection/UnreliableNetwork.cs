namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// The path between client and server (in process): it delivers the request and the response, but
/// when the attempt's plan says so it delays one of them, or drops one — then the caller hears nothing
/// and can only time out. A dropped response is the dangerous case: the server did the work.
/// </summary>
public sealed class UnreliableNetwork(FaultInjector injector)
{
    /// <summary>Carries one attempt to <paramref name="server"/> and its answer back, losing or delaying one of them when planned.</summary>
    public async Task<T> CallAsync<T>(AttemptContext attempt, Func<CancellationToken, Task<T>> server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(server);
        if (attempt.Consume(FaultKind.MessageDelayed))
            await Task.Delay(injector.NextMessageDelay(), cancellationToken); // queueing somewhere on the path
        #region Exercise 1.1.1-1e: lose the request (the server never sees it) or the response (the server did the work); a lost message is silence until the caller gives up (tests: UnreliableNetworkTests)
        var lost = attempt.VariantOf(FaultKind.MessageLost);
        if (lost == "request" && attempt.Consume(FaultKind.MessageLost))
            await Task.Delay(Timeout.Infinite, cancellationToken);
        var response = await server(cancellationToken);
        if (lost == "response" && attempt.Consume(FaultKind.MessageLost))
            await Task.Delay(Timeout.Infinite, cancellationToken);
        return response;
        #endregion
    }
}
