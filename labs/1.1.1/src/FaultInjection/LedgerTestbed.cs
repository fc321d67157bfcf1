using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using StatelessMind.Harness.Measurement;
using StatelessMind.Labs.Reliability.Logging;

namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// The whole fault-injection setup in one folder: a JSON-lines failure log, the injector, the faulty
/// size-capped file, the checksummed log, the ledger server, the network and a client with or without
/// the resilience policy. <see cref="RunAsync"/> drives a concurrent workload; <see cref="Audit"/>
/// reads the durable log back.
/// </summary>
public sealed class LedgerTestbed : IDisposable
{
    private readonly ILoggerFactory _loggers;

    private LedgerTestbed(string directory, FaultPlan plan, ResiliencePolicyOptions policy, bool usePolicy, long capacity, FaultToleranceBug bug)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        LogPath = Path.Combine(directory, "failures.jsonl");
        DataPath = Path.Combine(directory, "ledger.dat");
        _loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(JsonLinesLoggerProvider.ToFile(LogPath)));
        Injector = new FaultInjector(plan, _loggers.CreateLogger("faults"));
        File = new FaultyFile(DataPath, capacity, Injector);
        RecordLog = new ChecksummedRecordLog(File, _loggers.CreateLogger("disk")) { Bug = bug };
        Server = new LedgerService(RecordLog, Injector, _loggers.CreateLogger("server")) { Bug = bug };
        var clientLogger = _loggers.CreateLogger("client");
        var pipeline = usePolicy ? ResiliencePolicy.Create(policy, clientLogger, bug) : ResiliencePolicy.SingleAttempt(policy.AttemptTimeout);
        Client = new LedgerClient(Server, new UnreliableNetwork(Injector), Injector, pipeline, clientLogger);
    }

    public string Directory { get; }
    public string LogPath { get; }
    public string DataPath { get; }
    public FaultInjector Injector { get; }
    public FaultyFile File { get; }
    public ChecksummedRecordLog RecordLog { get; }
    public LedgerService Server { get; }
    public LedgerClient Client { get; }

    /// <summary>A fresh setup in <paramref name="directory"/>; <paramref name="bug"/> plants a mistake in the layer it belongs to (test hook).</summary>
    public static LedgerTestbed Create(string directory, FaultPlan plan, bool usePolicy = true, ResiliencePolicyOptions? policy = null,
        long capacity = 64L << 20, FaultToleranceBug bug = FaultToleranceBug.None) =>
        new(directory, plan, policy ?? new ResiliencePolicyOptions(), usePolicy, capacity, bug);

    public IReadOnlyList<JsonLogEntry> ReadLog() => JsonLogEntry.ReadAll(LogPath);

    /// <summary>
    /// Runs <paramref name="operations"/> operations from <paramref name="clients"/> concurrent clients, each
    /// pausing <paramref name="thinkTime"/> between its operations (a closed loop: load adapts to how fast the
    /// server answers, so a slow machine measures slower, not collapses). One operation = deposit a random
    /// amount, then read the receipt back from disk and check it; it succeeds only if both do.
    /// </summary>
    public async Task<LedgerWorkloadResult> RunAsync(int operations, int seed, int clients = 4, TimeSpan? thinkTime = null,
        CancellationToken cancellationToken = default)
    {
        var pause = thinkTime ?? TimeSpan.FromMilliseconds(1);
        var random = new Random(seed);
        var requests = Enumerable.Range(0, operations)
            .Select(i => new DepositRequest($"dep-{seed}-{i:D6}", random.Next(16), 1 + random.Next(1000)))
            .ToList();
        var latency = new LatencyRecorder();
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<DepositRequest>();
        int succeeded = 0, transient = 0, permanent = 0;
        var attemptsBefore = Client.Attempts;
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = clients, CancellationToken = cancellationToken },
            async (request, ct) =>
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    var receipt = await Client.DepositAsync(request, ct);
                    acknowledged.Add(request);
                    var stored = await Client.GetReceiptAsync(request.IdempotencyKey, ct);
                    if (stored.Amount != request.Amount || stored.Account != request.Account || stored.Offset != receipt.Offset)
                        throw new InvalidOperationException($"Receipt for {request.IdempotencyKey} reads back {stored}, expected {request}.");
                    Interlocked.Increment(ref succeeded);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    if (FailureClassifier.IsTransient(e)) Interlocked.Increment(ref transient);
                    else Interlocked.Increment(ref permanent);
                }
                latency.RecordSince(started);
                await Task.Delay(pause, ct);
            });
        var fired = Injector.Fired;
        return new LedgerWorkloadResult(operations, succeeded, transient, permanent, latency.Summarize(), Client.Attempts - attemptsBefore,
            Injector.Injected.Count, fired.Count, RecordLog.ChecksumFailures, fired.Count(f => f.Kind == FaultKind.BitFlip),
            Audit(acknowledged));
    }

    /// <summary>Reads the data file from the start (no faults) and checks it against the acknowledged deposits.</summary>
    public LedgerAudit Audit(IEnumerable<DepositRequest> acknowledged) => LedgerAudit.Read(DataPath, acknowledged);

    /// <summary>
    /// Stores <paramref name="records"/> deposits, flips one random stored bit (header or payload) in
    /// <paramref name="flips"/> distinct records, then reads every record back: each flipped one must fail
    /// its CRC-32C (on every re-read) and no intact one may.
    /// </summary>
    public async Task<BitFlipDrill> FlipStoredBitsAndReadBackAsync(int records, int flips, int seed, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(flips, records);
        var random = new Random(seed);
        var keys = new List<string>();
        for (var i = 0; i < records; i++)
        {
            var request = new DepositRequest($"flip-{seed}-{i:D5}", random.Next(16), 1 + random.Next(1000));
            await Client.DepositAsync(request, cancellationToken);
            keys.Add(request.IdempotencyKey);
        }
        var index = Server.Index();
        var victims = keys.OrderBy(_ => random.Next()).Take(flips).ToHashSet(StringComparer.Ordinal);
        foreach (var key in victims)
        {
            var (offset, length) = index[key];
            var at = offset + random.Next(ChecksummedRecordLog.HeaderSize + length);
            File.FlipStoredBit(at, random.Next(8), $"{key}/flip");
        }
        int detected = 0, missed = 0, falseAlarms = 0;
        string? sample = null;
        foreach (var key in keys)
        {
            try
            {
                await Client.GetReceiptAsync(key, cancellationToken);
                if (victims.Contains(key)) missed++;
            }
            catch (ChecksumMismatchException e)
            {
                sample ??= e.Message;
                if (victims.Contains(key)) detected++;
                else falseAlarms++;
            }
            catch (FormatException) when (victims.Contains(key))
            {
                missed++; // damaged bytes were served; only their layout happened to break, the checksum caught nothing
            }
        }
        return new BitFlipDrill(records, victims.Count, detected, missed, falseAlarms, sample);
    }

    /// <summary>Deposits until the store's capacity refuses one; the failing call must surface at once (permanent: no retry).</summary>
    public async Task<DiskFullDrill> FillUntilFullAsync(int maxDeposits = 100_000, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < maxDeposits; i++)
        {
            var attemptsBefore = Client.Attempts;
            try
            {
                await Client.DepositAsync(new DepositRequest($"fill-{i:D6}", i % 16, 100), cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                return new DiskFullDrill(i, (int)(Client.Attempts - attemptsBefore), e.Message, e is DiskFullException);
            }
        }
        throw new InvalidOperationException($"{maxDeposits} deposits fitted in a store capped at {File.Capacity} bytes; the cap was never reached.");
    }

    public void Dispose()
    {
        File.Dispose();
        _loggers.Dispose();
    }
}
