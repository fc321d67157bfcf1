using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// The server of the workload: deposits into accounts, stored in a <see cref="ChecksummedRecordLog"/>
/// (the only durable state) with an in-memory index and balances rebuilt from it on restart. A deposit
/// carries an idempotency key: a key already applied returns the first receipt instead of adding twice,
/// which makes retries after a lost response or a crash safe. Faults planned for an attempt fire here
/// (crash, exhausted memory, dependency timeout, conflict) or below it, in the disk.
/// </summary>
/// <remarks>
/// A crash strikes at a crash point: when the request arrives (before anything is applied), in the middle of the
/// append (a torn write, fired by the disk), or after the deposit is durable but before the reply. How the process
/// dies there is <see cref="ProcessDeath"/>: by default the death is simulated in this process (memory dropped, the
/// request fails with a reset connection, the next request after <see cref="FaultPlan.RestartDelay"/> finds a
/// restarted server); in <see cref="LedgerServerHost"/>, the separate server process, it announces the crash point
/// and waits there for its SIGKILL.
/// </remarks>
public sealed class LedgerService
{
    private readonly ChecksummedRecordLog _log;
    private readonly FaultInjector _injector;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, (long Offset, int Length, LedgerEntry Entry)> _applied = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _balances = [];
    private bool _down;
    private long _restartAt;
    private AttemptContext? _crashCause;
    private long _applications, _replays, _restarts, _requests;

    public LedgerService(ChecksummedRecordLog log, FaultInjector injector, ILogger logger)
    {
        _log = log;
        _injector = injector;
        _logger = logger;
        LastRecovery = Rebuild(AttemptContext.Clean("startup"));
    }

    /// <summary>Deposits appended to the log by this server instance (a replayed key does not count).</summary>
    public long Applications => Interlocked.Read(ref _applications);
    public long Replays => Interlocked.Read(ref _replays);
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Requests that reached the server (a call rejected by the client's breaker never does).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public ChecksummedRecordLog Log => _log;

    /// <summary>What the last start (or simulated restart) recovered from the log.</summary>
    public LogRecovery LastRecovery { get; private set; }

    /// <summary>A planted mistake (test hook); <see cref="FaultToleranceBug.IgnoreIdempotencyKeys"/> is the one that strikes here.</summary>
    public FaultToleranceBug Bug { get; init; } = FaultToleranceBug.None;

    /// <summary>How the process dies at a crash point (given where, as text); null: simulated in process.
    /// A real death never returns.</summary>
    public Func<string, Task>? ProcessDeath { get; init; }

    /// <summary>An outage: the server goes down now and stays down (refusing every request as unavailable) until
    /// <see cref="EndOutage"/>. Recorded as an injected crash; simulated in process.</summary>
    public async Task StartOutageAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var fault = _injector.Record(FaultKind.ProcessCrash, FailureClass.Transient, FailureComponent.Process, "outage", 1, "outage");
            var attempt = new AttemptContext("outage", 1, fault, _injector);
            attempt.Consume(FaultKind.ProcessCrash);
            _ = Crash(attempt, "by an outage");
            _restartAt = long.MaxValue;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ends an outage: the next request restarts the server (recovering from the log).</summary>
    public void EndOutage()
    {
        _gate.Wait();
        try { _restartAt = Stopwatch.GetTimestamp(); }
        finally { _gate.Release(); }
    }

    public async Task<DepositReceipt> DepositAsync(DepositRequest request, AttemptContext attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        if (request.Amount <= 0) throw new ArgumentException($"Deposit '{request.IdempotencyKey}': amount must be positive, got {request.Amount}.", nameof(request));
        Interlocked.Increment(ref _requests);
        await ApplicationFaultsAsync(attempt, cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            EnsureRunning(attempt);
            var receipt = await ApplyOnceAsync(request, attempt, cancellationToken);
            if (receipt.Replayed) Interlocked.Increment(ref _replays);
            else Interlocked.Increment(ref _applications);
            // Crash point: applied and durable (or replayed), the reply not sent. The client never hears; only the key makes its retry safe.
            if (attempt.VariantOf(FaultKind.ProcessCrash) == "before-reply" && attempt.Consume(FaultKind.ProcessCrash))
                await DieAsync(attempt, receipt.Replayed ? "before replying to a replayed deposit" : "after the deposit was durable, before the reply");
            return receipt;
        }
        catch (SimulatedProcessDeath death)
        {
            await DieAsync(attempt, death.Message); // torn write: the disk's hook fired mid-append
            throw; // not reached: DieAsync throws or never returns
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Applies <paramref name="request"/> at most once: a key already applied (see <see cref="TryGetApplied"/>) returns its
    /// first receipt, marked as replayed; otherwise the deposit is appended to the log durably and only then applied in
    /// memory, and its receipt names the offset. Called under the server's lock.
    /// </summary>
    private async Task<DepositReceipt> ApplyOnceAsync(DepositRequest request, AttemptContext attempt, CancellationToken cancellationToken)
    {
        // Crash point: the request arrived, nothing is done yet.
        if (attempt.VariantOf(FaultKind.ProcessCrash) == "before-apply" && attempt.Consume(FaultKind.ProcessCrash))
            await DieAsync(attempt, "before applying the deposit");
        #region Exercise 1.1.1-1f: apply a deposit at most once: a known key returns its first receipt (replayed); otherwise append durably, then apply in memory (tests: LedgerServiceTests, ProcessKillTests.SIGKILL_at_every_crash_point_loses_no_acknowledged_deposit_and_applies_none_twice)
        if (TryGetApplied(request.IdempotencyKey, out var known))
            return new DepositReceipt(request.IdempotencyKey, known.Entry.Account, known.Entry.Amount, known.Offset, Replayed: true);
        var entry = new LedgerEntry(request.IdempotencyKey, request.Account, request.Amount);
        var payload = entry.Encode();
        var offset = await _log.AppendAsync(payload, attempt, cancellationToken); // durable (fsync'd) when it returns
        Apply(offset, payload.Length, entry);
        return new DepositReceipt(request.IdempotencyKey, request.Account, request.Amount, offset, Replayed: false);
        #endregion
    }

    /// <summary>The deposit already applied under <paramref name="idempotencyKey"/>, if any (the planted bug forgets every key).</summary>
    private bool TryGetApplied(string idempotencyKey, out (long Offset, int Length, LedgerEntry Entry) known)
    {
        known = default;
        return Bug != FaultToleranceBug.IgnoreIdempotencyKeys && _applied.TryGetValue(idempotencyKey, out known);
    }

    /// <summary>Reads the stored deposit back from disk (verifying its CRC) by idempotency key.</summary>
    public async Task<DepositReceipt> GetReceiptAsync(string idempotencyKey, AttemptContext attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        Interlocked.Increment(ref _requests);
        await ApplicationFaultsAsync(attempt, cancellationToken);
        (long Offset, int Length, LedgerEntry Entry) known;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            EnsureRunning(attempt);
            if (attempt.Consume(FaultKind.ProcessCrash)) await DieAsync(attempt, "while serving a read");
            if (!_applied.TryGetValue(idempotencyKey, out known)) throw new ReceiptNotFoundException(idempotencyKey);
        }
        finally
        {
            _gate.Release();
        }
        // Stored records never move, so the read needs no lock (and a stalled read blocks no writer).
        var payload = await _log.ReadAsync(known.Offset, known.Length, attempt, cancellationToken);
        var entry = LedgerEntry.Decode(payload, known.Offset);
        return new DepositReceipt(entry.IdempotencyKey, entry.Account, entry.Amount, known.Offset, Replayed: true);
    }

    public IReadOnlyDictionary<int, long> Balances()
    {
        _gate.Wait();
        try { return new Dictionary<int, long>(_balances); }
        finally { _gate.Release(); }
    }

    /// <summary>Offsets and lengths of every applied record (for scrubbing and at-rest corruption tests).</summary>
    public IReadOnlyDictionary<string, (long Offset, int Length)> Index()
    {
        _gate.Wait();
        try { return _applied.ToDictionary(p => p.Key, p => (p.Value.Offset, p.Value.Length)); }
        finally { _gate.Release(); }
    }

    private async Task ApplicationFaultsAsync(AttemptContext attempt, CancellationToken cancellationToken)
    {
        if (attempt.Consume(FaultKind.ResourceExhaustion))
            throw new ResourceExhaustedException("request memory budget", "64 MiB");
        if (attempt.Consume(FaultKind.Timeout))
        {
            await Task.Delay(_injector.Plan.DependencyDeadline, cancellationToken);
            throw new DependencyTimeoutException("lock service", _injector.Plan.DependencyDeadline);
        }
        if (attempt.Consume(FaultKind.SoftwareException))
            throw new ConcurrencyConflictException("the account row");
    }

    /// <summary>The process dies at a crash point: for real when <see cref="ProcessDeath"/> is set (never returns), else simulated.</summary>
    private async Task DieAsync(AttemptContext attempt, string where)
    {
        if (ProcessDeath is { } die)
        {
            await die(where);
            throw new InvalidOperationException($"The process was to die {where}, but the death hook returned.");
        }
        throw Crash(attempt, where);
    }

    /// <summary>A simulated death: everything in memory is gone until a restart rebuilds it from the log.</summary>
    private ServerCrashedException Crash(AttemptContext attempt, string where)
    {
        _applied.Clear();
        _balances.Clear();
        _down = true;
        _crashCause = attempt;
        _restartAt = Stopwatch.GetTimestamp() + (long)(_injector.Plan.RestartDelay.TotalSeconds * Stopwatch.Frequency);
        FailureLog.FailureObserved(_logger, new(FaultKind.ProcessCrash, FailureClass.Transient, FailureComponent.Process), FailureAction.Recovered,
            attempt.OperationId, attempt.Attempt, $"server crashed (simulated) {where}; restarting in {_injector.Plan.RestartDelay.TotalMilliseconds:0.#} ms");
        return new ServerCrashedException(attempt.OperationId);
    }

    /// <summary>Called under the gate: refuses while down, restarts (recovering from the log) once the delay has passed.</summary>
    private void EnsureRunning(AttemptContext attempt)
    {
        if (!_down) return;
        var now = Stopwatch.GetTimestamp();
        if (now < _restartAt)
            throw new ServerUnavailableException(_restartAt == long.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds((double)(_restartAt - now) / Stopwatch.Frequency));
        LastRecovery = Rebuild(_crashCause ?? attempt);
        _down = false;
        Interlocked.Increment(ref _restarts);
    }

    private LogRecovery Rebuild(AttemptContext cause)
    {
        _applied.Clear();
        _balances.Clear();
        var recovery = _log.Recover((offset, payload) => Apply(offset, payload.Length, LedgerEntry.Decode(payload, offset)), cause.OperationId, cause.Attempt);
        if (cause.OperationId != "startup" || recovery.QuarantinedBytes > 0)
            FailureLog.FailureObserved(_logger, new(FaultKind.ProcessCrash, FailureClass.Transient, FailureComponent.Process), FailureAction.Recovered,
                cause.OperationId, cause.Attempt, $"restarted: {recovery.Records} records replayed, {recovery.QuarantinedBytes} torn bytes quarantined");
        return recovery;
    }

    private void Apply(long offset, int length, LedgerEntry entry)
    {
        _applied[entry.IdempotencyKey] = (offset, length, entry);
        _balances[entry.Account] = _balances.GetValueOrDefault(entry.Account) + entry.Amount;
    }
}
