using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using StatelessMind.Labs.Reliability.FaultInjection;

namespace StatelessMind.Labs.Reliability.Tests.FaultInjection;

/// <summary>1.1.1-1d: the client's pipeline — retry what is transient, never what is permanent, time out each attempt,
/// and fail fast while the server is down.</summary>
public sealed class ResiliencePolicyTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new("policy");

    public void Dispose() => _dir.Dispose();

    private static ResiliencePipeline Pipeline(ResiliencePolicyOptions? options = null) =>
        ResiliencePolicy.Create(options ?? new ResiliencePolicyOptions(), NullLogger.Instance);

    [Fact]
    [Goal("1.1.1-1")]
    public async Task A_transient_failure_is_retried_until_it_succeeds()
    {
        var calls = 0;
        var result = await Pipeline().ExecuteAsync(_ => ++calls < 3 ? throw new ServerUnavailableException(TimeSpan.Zero) : ValueTask.FromResult(42));
        Assert.Equal((42, 3), (result, calls));
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task A_permanent_failure_surfaces_after_one_attempt()
    {
        var calls = 0;
        await Assert.ThrowsAsync<DiskFullException>(async () =>
            await Pipeline().ExecuteAsync<int>(_ => { calls++; throw new DiskFullException("/d/ledger.dat", 10, 10, 1); }));
        Assert.Equal(1, calls);
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task An_attempt_that_never_answers_is_timed_out_and_retried()
    {
        var calls = 0;
        var result = await Pipeline(new ResiliencePolicyOptions { AttemptTimeout = TimeSpan.FromMilliseconds(50) }).ExecuteAsync(async ct =>
        {
            if (++calls == 1) await Task.Delay(Timeout.Infinite, ct); // a stalled call: only the deadline ends it
            return "answered";
        });
        Assert.Equal(("answered", 2), (result, calls));
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task Retries_give_up_after_the_configured_number()
    {
        var calls = 0;
        var options = new ResiliencePolicyOptions { MaxRetryAttempts = 4, BreakerMinimumThroughput = 100 };
        await Assert.ThrowsAsync<ConcurrencyConflictException>(async () =>
            await Pipeline(options).ExecuteAsync<int>(_ => { calls++; throw new ConcurrencyConflictException("row"); }));
        Assert.Equal(5, calls);
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task A_full_disk_surfaces_at_once_as_a_clear_permanent_error()
    {
        using var bed = LedgerTestbed.Create(_dir.Sub("full"), FaultPlan.None, capacity: 2048);
        var drill = await bed.FillUntilFullAsync();
        output.WriteLine($"{drill.Stored} deposits fitted; then after {drill.AttemptsOnFailure} attempt: {drill.Error}");
        Assert.True(drill.SurfacedAsDiskFull);
        Assert.Equal(1, drill.AttemptsOnFailure);
        Assert.Contains("ledger.dat is capped at 2,048 bytes", drill.Error);
        Assert.Contains("Nothing was written", drill.Error);
        var log = bed.ReadLog();
        var surfaced = Assert.Single(log, e => e.Event == "FailureObserved" && e.Field("kind") == "DiskFull");
        Assert.Equal("Permanent", surfaced.Field("failureClass"));
        Assert.Equal("Surfaced", surfaced.Field("action"));
        Assert.Equal("Error", surfaced.Level);
        Assert.Single(log, e => e.Event == "FaultInjected" && e.Field("kind") == "DiskFull");
        // Nothing partial was left behind: the file holds whole records only.
        Assert.Equal(drill.Stored, bed.Audit([]).StoredDeposits);

        // A bad request is permanent too: the same input fails the same way, so it is not retried.
        var bad = await Assert.ThrowsAsync<ArgumentException>(() => bed.Client.DepositAsync(new DepositRequest("neg", 1, -5)));
        Assert.Contains("amount must be positive, got -5", bad.Message);
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task A_policy_that_retries_permanent_failures_is_caught_by_the_disk_full_drill()
    {
        // The planted bug: every exception is handled as transient.
        using var bed = LedgerTestbed.Create(_dir.Sub("retry-all"), FaultPlan.None, capacity: 2048, bug: FaultToleranceBug.RetryPermanentFailures);
        var drill = await bed.FillUntilFullAsync();
        output.WriteLine($"the full disk was tried {drill.AttemptsOnFailure} times");
        Assert.True(drill.AttemptsOnFailure > 1);
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task The_circuit_breaker_fails_fast_during_an_outage_and_closes_after_it()
    {
        var policy = new ResiliencePolicyOptions { BreakerMinimumThroughput = 4, MaxRetryAttempts = 3, BreakDuration = TimeSpan.FromMilliseconds(100) };
        using var bed = LedgerTestbed.Create(_dir.Sub("breaker"), FaultPlan.None, policy: policy);
        await bed.Client.DepositAsync(new DepositRequest("before", 1, 5));
        await bed.Server.StartOutageAsync();

        // Calls during the outage fail; once the breaker is open, a call is refused without reaching the server.
        var calls = 0;
        await Eventually.UntilAsync(async () =>
        {
            var requestsBefore = bed.Server.Requests;
            try
            {
                await bed.Client.DepositAsync(new DepositRequest($"during-{calls++}", 1, 5));
            }
            catch (Polly.CircuitBreaker.BrokenCircuitException)
            {
                return bed.Server.Requests == requestsBefore;
            }
            catch (Exception e) when (FailureClassifier.IsTransient(e))
            {
                return false; // reached the down server, or the breaker is still counting
            }
            throw new InvalidOperationException("A deposit succeeded while the server was down.");
        }, TimeSpan.FromSeconds(30), "a call refused by the open breaker without reaching the server");

        // After the outage the half-open probe succeeds and calls flow again.
        bed.Server.EndOutage();
        DepositReceipt? receipt = null;
        await Eventually.UntilAsync(async () =>
        {
            try { receipt = await bed.Client.DepositAsync(new DepositRequest("after", 1, 5)); }
            catch (Exception e) when (FailureClassifier.IsTransient(e)) { }
            return receipt is not null;
        }, TimeSpan.FromSeconds(10), "a deposit to succeed after the outage");
        var states = bed.ReadLog().Where(e => e.Event == "CircuitChanged").Select(e => e.Field("state")).ToList();
        output.WriteLine($"breaker: {string.Join(" → ", states)}; {calls} calls during the outage");
        Assert.Equal("opened", states.First());
        Assert.Contains("closed", states);
    }
}
