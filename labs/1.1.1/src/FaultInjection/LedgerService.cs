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
        Rebuild(AttemptContext.Clean("startup"));
    }

    /// <summary>Deposits appended to the log by this server instance (a replayed key does not count).</summary>
    public long Applications => Interlocked.Read(ref _applications);
    public long Replays => Interlocked.Read(ref _replays);
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Requests that reached the server (a call rejected by the client's breaker never does).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public ChecksummedRecordLog Log => _log;

    /// <summary>Honour idempotency keys (the default). Off, a retried deposit is applied again — the bug the keys prevent.</summary>
    public bool Deduplicate { get; init; } = true;

    /// <summary>An outage: the process dies now and stays down for <paramref name="downtime"/> (recorded as an injected crash).</summary>
    public async Task CrashForAsync(TimeSpan downtime, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var fault = _injector.Record(FaultKind.ProcessCrash, FailureClass.Transient, FailureComponent.Process, "outage", 1, "outage");
            var attempt = new AttemptContext("outage", 1, fault, _injector);
            attempt.Consume(FaultKind.ProcessCrash);
            _ = Crash(attempt, $"by an outage of {downtime.TotalMilliseconds:0} ms");
            _restartAt = Stopwatch.GetTimestamp() + (long)(downtime.TotalSeconds * Stopwatch.Frequency);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<DepositReceipt> DepositAsync(DepositRequest request, AttemptContext attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Amount <= 0) throw new ArgumentException($"Deposit '{request.IdempotencyKey}': amount must be positive, got {request.Amount}.", nameof(request));
        Interlocked.Increment(ref _requests);
        await ApplicationFaultsAsync(attempt, cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            EnsureRunning(attempt);
            #region Exercise 1.1.1-1: apply a deposit at most once: replay a known key; otherwise append durably, then apply (a crash may strike before or after the append)
            if (Deduplicate && _applied.TryGetValue(request.IdempotencyKey, out var known))
            {
                if (attempt.Consume(FaultKind.ProcessCrash)) throw Crash(attempt, "before replying to a replayed deposit");
                Interlocked.Increment(ref _replays);
                return new DepositReceipt(request.IdempotencyKey, known.Entry.Account, known.Entry.Amount, known.Offset, Replayed: true);
            }
            var crashPoint = attempt.VariantOf(FaultKind.ProcessCrash);
            if (crashPoint == "before-append" && attempt.Consume(FaultKind.ProcessCrash))
                throw Crash(attempt, "before appending the deposit");
            var entry = new LedgerEntry(request.IdempotencyKey, request.Account, request.Amount);
            var payload = entry.Encode();
            long offset;
            try
            {
                offset = await _log.AppendAsync(payload, attempt, cancellationToken);
            }
            catch (SimulatedProcessDeath death)
            {
                throw Crash(attempt, death.Message);
            }
            Apply(offset, payload.Length, entry);
            Interlocked.Increment(ref _applications);
            if (crashPoint == "after-append" && attempt.Consume(FaultKind.ProcessCrash))
                throw Crash(attempt, "after the deposit was durable, before the reply"); // applied, but the client never hears
            return new DepositReceipt(request.IdempotencyKey, request.Account, request.Amount, offset, Replayed: false);
            #endregion
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads the stored deposit back from disk (verifying its CRC) by idempotency key.</summary>
    public async Task<DepositReceipt> GetReceiptAsync(string idempotencyKey, AttemptContext attempt, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        await ApplicationFaultsAsync(attempt, cancellationToken);
        (long Offset, int Length, LedgerEntry Entry) known;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            EnsureRunning(attempt);
            if (attempt.Consume(FaultKind.ProcessCrash)) throw Crash(attempt, "while serving a read");
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

    /// <summary>The process dies: everything in memory is gone until a restart rebuilds it from the log.</summary>
    private ServerCrashedException Crash(AttemptContext attempt, string where)
    {
        _applied.Clear();
        _balances.Clear();
        _down = true;
        _crashCause = attempt;
        _restartAt = Stopwatch.GetTimestamp() + (long)(_injector.Plan.RestartDelay.TotalSeconds * Stopwatch.Frequency);
        FailureLog.FailureObserved(_logger, new(FaultKind.ProcessCrash, FailureClass.Transient, FailureComponent.Process), FailureAction.Recovered,
            attempt.OperationId, attempt.Attempt, $"server crashed {where}; restarting in {_injector.Plan.RestartDelay.TotalMilliseconds:0.#} ms");
        return new ServerCrashedException(attempt.OperationId);
    }

    /// <summary>Called under the gate: refuses while down, restarts (recovering from the log) once the delay has passed.</summary>
    private void EnsureRunning(AttemptContext attempt)
    {
        if (!_down) return;
        var now = Stopwatch.GetTimestamp();
        if (now < _restartAt)
            throw new ServerUnavailableException(TimeSpan.FromSeconds((double)(_restartAt - now) / Stopwatch.Frequency));
        Rebuild(_crashCause ?? attempt);
        _down = false;
        Interlocked.Increment(ref _restarts);
    }

    private void Rebuild(AttemptContext cause)
    {
        _applied.Clear();
        _balances.Clear();
        var recovery = _log.Recover((offset, payload) => Apply(offset, payload.Length, LedgerEntry.Decode(payload, offset)), cause.OperationId, cause.Attempt);
        if (cause.OperationId != "startup" || recovery.QuarantinedBytes > 0)
            FailureLog.FailureObserved(_logger, new(FaultKind.ProcessCrash, FailureClass.Transient, FailureComponent.Process), FailureAction.Recovered,
                cause.OperationId, cause.Attempt, $"restarted: {recovery.Records} records replayed, {recovery.QuarantinedBytes} torn bytes quarantined");
    }

    private void Apply(long offset, int length, LedgerEntry entry)
    {
        _applied[entry.IdempotencyKey] = (offset, length, entry);
        _balances[entry.Account] = _balances.GetValueOrDefault(entry.Account) + entry.Amount;
    }
}
