using Microsoft.Extensions.Logging;
using Polly;

namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// The caller: sends deposits and receipt reads through the network and a resilience pipeline.
/// Every attempt gets its fault plan from the injector; every failure that ends a call is logged
/// with its class and <see cref="FailureAction.Surfaced"/> (retried ones are logged by the policy).
/// </summary>
public sealed class LedgerClient(LedgerService server, UnreliableNetwork network, FaultInjector injector, ResiliencePipeline pipeline, ILogger logger)
{
    private long _attempts;

    /// <summary>Attempts that reached the network (calls rejected by an open breaker are not attempts).</summary>
    public long Attempts => Interlocked.Read(ref _attempts);

    public Task<DepositReceipt> DepositAsync(DepositRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CallAsync($"{request.IdempotencyKey}/deposit", RequestType.Write,
            (attempt, ct) => network.CallAsync(attempt, t => server.DepositAsync(request, attempt, t), ct), cancellationToken);
    }

    public Task<DepositReceipt> GetReceiptAsync(string idempotencyKey, CancellationToken cancellationToken = default) =>
        CallAsync($"{idempotencyKey}/receipt", RequestType.Read,
            (attempt, ct) => network.CallAsync(attempt, t => server.GetReceiptAsync(idempotencyKey, attempt, t), ct), cancellationToken);

    private async Task<T> CallAsync<T>(string operationId, RequestType type, Func<AttemptContext, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var state = new CallState(operationId);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ResiliencePolicy.CallStateKey, state);
        try
        {
            return await pipeline.ExecuteAsync(async (ctx, s) =>
            {
                var attempt = injector.Draw(s.OperationId, Interlocked.Increment(ref s.Attempts), type);
                Interlocked.Increment(ref _attempts);
                return await call(attempt, ctx.CancellationToken);
            }, context, state);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            FailureLog.FailureObserved(logger, FailureClassifier.Classify(e), FailureAction.Surfaced, operationId, state.Attempts, e.Message);
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
