using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// Builds the client's Polly pipelines. Outermost first: retry (transient failures only, jittered
/// exponential backoff) → circuit breaker (opens when the failure ratio in the sampling window passes
/// the threshold, then fails fast for the break duration) → timeout (per attempt).
/// </summary>
public static class ResiliencePolicy
{
    internal static readonly ResiliencePropertyKey<CallState> CallStateKey = new("stateless-mind.call");

    /// <summary>The client's pipeline: retry → circuit breaker → timeout, handling what <see cref="FailureClassifier.IsTransient"/> calls transient.</summary>
    /// <param name="options">Deadlines, retry counts, backoff and breaker settings.</param>
    /// <param name="logger">Where retries and breaker changes are logged.</param>
    /// <param name="bug">A planted mistake (test hook): <see cref="FaultToleranceBug.RetryPermanentFailures"/> handles every exception.</param>
    public static ResiliencePipeline Create(ResiliencePolicyOptions options, ILogger logger, FaultToleranceBug bug = FaultToleranceBug.None)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var gate = new Lock();
        Func<Exception, bool> isTransient = bug == FaultToleranceBug.RetryPermanentFailures ? static _ => true : FailureClassifier.IsTransient;
        #region Exercise 1.1.1-1d: compose retry (only what isTransient accepts, exponential backoff with seeded jitter), circuit breaker and a per-attempt timeout (tests: ResiliencePolicyTests)
        var transient = new PredicateBuilder().Handle<Exception>(isTransient);
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                Randomizer = () => { lock (gate) return random.NextDouble(); },
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is { } e && args.Context.Properties.TryGetValue(CallStateKey, out var call))
                        FailureLog.FailureObserved(logger, FailureClassifier.Classify(e), FailureAction.Retried, call.OperationId, call.Attempts,
                            $"retry {args.AttemptNumber + 1} in {args.RetryDelay.TotalMilliseconds:0.#} ms: {e.Message}");
                    return default;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDurationGenerator = _ => ValueTask.FromResult(options.BreakDuration),
                OnOpened = args =>
                {
                    FailureLog.CircuitChanged(logger, "opened", $"failing fast for {args.BreakDuration.TotalMilliseconds:0.#} ms after {args.Outcome.Exception?.GetType().Name}");
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    FailureLog.CircuitChanged(logger, "half-open", "letting one probe call through");
                    return default;
                },
                OnClosed = _ =>
                {
                    FailureLog.CircuitChanged(logger, "closed", "calls flow again");
                    return default;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout })
            .Build();
        #endregion
    }

    /// <summary>The baseline without a policy: one attempt, with the same per-attempt deadline (without one a stall would hang forever).</summary>
    public static ResiliencePipeline SingleAttempt(TimeSpan attemptTimeout) =>
        new ResiliencePipelineBuilder().AddTimeout(attemptTimeout).Build();
}
