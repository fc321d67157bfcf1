using Microsoft.Extensions.Logging.Abstractions;
using StatelessMind.Labs.Reliability.FaultInjection;

namespace StatelessMind.Labs.Reliability.Tests.FaultInjection;

/// <summary>1.1.1-1f: a deposit is durable before it is acknowledged and applied at most once, whatever crash strikes
/// around it (crashes simulated in this process here; see <see cref="ProcessKillTests"/> for real ones).</summary>
public sealed class LedgerServiceTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new("ledger");

    public void Dispose() => _dir.Dispose();

    [Fact]
    [Goal("1.1.1-1")]
    public async Task A_deposit_is_in_the_log_when_it_is_acknowledged()
    {
        var (server, file, data) = Open("durable");
        using var _f = file;
        var receipt = await server.DepositAsync(new DepositRequest("a", 3, 70), Faults.None(), default);
        Assert.False(receipt.Replayed);
        var audit = LedgerAudit.Read(data, [new DepositRequest("a", 3, 70)]);
        Assert.True(audit.Holds);
        Assert.Equal((1, 70L), (audit.StoredDeposits, audit.StoredTotal));
        Assert.Equal(70, server.Balances()[3]);
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task The_same_key_again_returns_the_first_receipt_and_stores_nothing_new()
    {
        var (server, file, data) = Open("twice");
        using var _f = file;
        var first = await server.DepositAsync(new DepositRequest("k", 1, 10), Faults.None(), default);
        var second = await server.DepositAsync(new DepositRequest("k", 1, 10), Faults.None(), default);
        Assert.True(second.Replayed);
        Assert.Equal(first.Offset, second.Offset);
        Assert.Equal(1, LedgerAudit.Read(data, []).StoredDeposits);
        Assert.Equal(10, server.Balances()[1]);
        Assert.Equal((1L, 1L), (server.Applications, server.Replays));
    }

    [Theory]
    [Goal("1.1.1-1")]
    [InlineData("before-apply", false)]
    [InlineData("before-reply", true)]
    public async Task After_a_crash_the_retry_with_the_same_key_leaves_the_deposit_stored_once(string crashPoint, bool retryFindsItApplied)
    {
        var (server, file, data) = Open(crashPoint);
        using var _f = file;
        var injector = Faults.Injector(new FaultPlan { RestartDelay = TimeSpan.Zero });
        var request = new DepositRequest("c", 2, 25);
        await Assert.ThrowsAsync<ServerCrashedException>(() => server.DepositAsync(request, Faults.Planned(injector, FaultKind.ProcessCrash, crashPoint), default));
        // The restarted server rebuilt its memory from the log alone.
        var retry = await Eventually.ValueAsync(async () =>
        {
            try { return await server.DepositAsync(request, Faults.None("c/retry"), default); }
            catch (ServerUnavailableException) { return null; }
        }, r => r is not null, TimeSpan.FromSeconds(10), "the restarted server to answer");
        Assert.Equal(retryFindsItApplied, retry!.Replayed);
        Assert.Equal(1, server.Restarts);
        Assert.Equal(1, LedgerAudit.Read(data, [request]).StoredDeposits);
        Assert.Equal(25, server.Balances()[2]);
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task Transient_faults_are_retried_to_success_and_no_write_is_applied_twice()
    {
        using var bed = LedgerTestbed.Create(_dir.Sub("retry"), new FaultPlan { Rate = 0.3, Seed = 8 });
        var result = await bed.RunAsync(operations: 200, seed: 8);
        output.WriteLine($"success {result.Succeeded}/{result.Operations}, {result.AttemptsPerOperation:0.00} attempts/op, {result.FaultsFired} faults struck, " +
                         $"{bed.Server.Replays} retried deposits answered from the idempotency table, {bed.Server.Restarts} restarts, p99 {result.Latency.P99Ms:0.#} ms");
        Assert.Equal(200, result.Succeeded);
        Assert.Empty(result.Audit.DuplicateKeys);
        Assert.Empty(result.Audit.MissingAcknowledged);
        Assert.Equal(200, result.Audit.StoredDeposits);
        // The keys were really exercised: some retries reached a server that had already applied the deposit.
        Assert.True(bed.Server.Replays > 0, "no retry hit an already-applied deposit; the idempotency path was not exercised");
        Assert.True(bed.Server.Restarts > 0);
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task A_server_that_ignores_idempotency_keys_is_caught_applying_deposits_twice()
    {
        // The planted bug: the same faults and policy as above, keys ignored by the server.
        using var bed = LedgerTestbed.Create(_dir.Sub("nokeys"), new FaultPlan { Rate = 0.3, Seed = 8 }, bug: FaultToleranceBug.IgnoreIdempotencyKeys);
        var result = await bed.RunAsync(operations: 200, seed: 8);
        output.WriteLine($"{result.Audit.DuplicateKeys.Count} deposits applied more than once; {result.Audit.StoredDeposits} stored for {result.Operations}");
        Assert.NotEmpty(result.Audit.DuplicateKeys);
        Assert.False(result.Audit.Holds);
    }

    private (LedgerService Server, FaultyFile File, string DataPath) Open(string name)
    {
        var dir = _dir.Sub(name);
        Directory.CreateDirectory(dir);
        var data = Path.Combine(dir, "ledger.dat");
        var injector = Faults.Injector(new FaultPlan { RestartDelay = TimeSpan.Zero });
        var file = new FaultyFile(data, 1 << 20, injector);
        return (new LedgerService(new ChecksummedRecordLog(file, NullLogger.Instance), injector, NullLogger.Instance), file, data);
    }
}
