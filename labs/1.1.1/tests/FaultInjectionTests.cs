using System.Text;
using StatelessMind.Labs.Reliability.FaultInjection;

namespace StatelessMind.Labs.Reliability.Tests;

/// <summary>1.1.1-1: failures injected, classified in the JSON log, detected by CRC-32C and absorbed (or surfaced) by the policy.</summary>
public sealed class FaultInjectionTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new("faults");

    public void Dispose() => _dir.Dispose();

    [Fact]
    [Goal("1.1.1-1")]
    public void Crc32C_gives_the_Castagnoli_check_values_in_hardware_and_table_form()
    {
        var check = "123456789"u8;
        Assert.Equal(0xE3069283u, Crc32C.Compute(check));
        Assert.Equal(0xE3069283u, Crc32C.ComputeWithTable(check));
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));                                   // RFC 3720 B.4
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        var random = new Random(5);
        var data = new byte[1000];
        random.NextBytes(data);
        Assert.Equal(Crc32C.ComputeWithTable(data), Crc32C.Compute(data));
        Assert.Equal(Crc32C.Compute(data), Crc32C.Append(Crc32C.Compute(data.AsSpan(0, 333)), data.AsSpan(333)));
        // It is not IEEE CRC-32 (System.IO.Hashing.Crc32), whose check value is 0xCBF43926.
        Assert.NotEqual(0xCBF43926u, Crc32C.Compute(check));
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task Every_flipped_bit_is_detected_at_rest_and_in_flight()
    {
        using (var bed = LedgerTestbed.Create(_dir.Sub("rest"), FaultPlan.None))
        {
            var drill = await bed.FlipStoredBitsAndReadBackAsync(records: 80, flips: 50, seed: 11);
            output.WriteLine($"at rest: {drill.Detected}/{drill.Flipped} flips detected, {drill.Missed} missed, {drill.FalseAlarms} false alarms; e.g. {drill.SampleError}");
            Assert.Equal(50, drill.Flipped);
            Assert.Equal(50, drill.Detected);
            Assert.Equal(0, drill.Missed);
            Assert.Equal(0, drill.FalseAlarms);
            Assert.Contains("ledger.dat at offset", drill.SampleError);
            // Permanent: each corrupt read was surfaced after one attempt, never retried.
            var log = bed.ReadLog();
            Assert.DoesNotContain(log, e => e.Event == "FailureObserved" && e.Field("kind") == "BitFlip" && e.Field("action") == "Retried");
            Assert.Equal(50, log.Count(e => e.Event == "FailureObserved" && e.Field("kind") == "BitFlip"
                                             && e.Field("failureClass") == "Permanent" && e.Field("action") == "Surfaced"));
        }

        // In flight: every read returns one flipped bit; each is caught, read again, and the read succeeds.
        using var flight = LedgerTestbed.Create(_dir.Sub("flight"), new FaultPlan { Rate = 1, Kinds = [FaultKind.BitFlip] });
        var result = await flight.RunAsync(operations: 60, seed: 3);
        output.WriteLine($"in flight: {result.BitFlipsFired} flips, {result.ChecksumFailuresDetected} CRC failures, {result.Succeeded}/{result.Operations} reads succeeded");
        Assert.Equal(60, result.BitFlipsFired);
        Assert.Equal(60, result.ChecksumFailuresDetected);
        Assert.Equal(60, result.Succeeded);
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task Every_injected_fault_appears_in_the_log_with_the_right_class()
    {
        using var bed = LedgerTestbed.Create(_dir.Sub("log"), new FaultPlan { Rate = 0.35, Seed = 21 });
        var result = await bed.RunAsync(operations: 150, seed: 21);
        var log = bed.ReadLog();
        var injected = bed.Injector.Injected;
        var fired = bed.Injector.Fired;
        output.WriteLine($"{injected.Count} faults injected, {fired.Count} struck, {log.Count} log entries; success {result.SuccessRate:P1}");
        foreach (var group in fired.GroupBy(f => f.Kind).OrderBy(g => g.Key))
            output.WriteLine($"  {group.Key,-20} {group.Count(),4} struck");
        Assert.True(fired.Select(f => f.Kind).Distinct().Count() == FaultCatalog.TransientMix.Count,
            $"every kind of the mix should strike at this rate; struck: {string.Join(", ", fired.Select(f => f.Kind).Distinct())}");

        // 1. Each injected fault is in the log, with its kind and the class the catalog gives it.
        var injectedEntries = log.Where(e => e.Event == "FaultInjected").ToDictionary(e => long.Parse(e.Field("faultId")!, System.Globalization.CultureInfo.InvariantCulture));
        foreach (var fault in injected)
        {
            Assert.True(injectedEntries.TryGetValue(fault.Id, out var entry), $"fault #{fault.Id} ({fault.Kind}) is not in the log");
            Assert.Equal(fault.Kind.ToString(), entry.Field("kind"));
            Assert.Equal(fault.ExpectedClass.ToString(), entry.Field("failureClass"));
            Assert.Equal(fault.OperationId, entry.Field("operation"));
            var catalogClass = fault.Kind == FaultKind.BitFlip ? FailureClass.Transient : FaultCatalog.Describe(fault.Kind).Class; // in flight
            Assert.Equal(catalogClass, fault.ExpectedClass);
        }

        // 2. Each fault that struck was observed where it had an effect — by the disk, the server or the
        //    client's classifier, which only sees exceptions and checksums — with the same class, and an action.
        //    (A delayed message within the deadline has no effect but latency, so nobody can observe it.)
        var observed = log.Where(e => e.Event == "FailureObserved").ToLookup(e => (e.Field("operation"), e.Field("attempt")));
        var expectedKinds = new Dictionary<FaultKind, string[]>
        {
            [FaultKind.TornWrite] = ["ProcessCrash", "TornWrite"],
            [FaultKind.PartialWrite] = ["PartialWrite"],
            [FaultKind.BitFlip] = ["BitFlip", "Timeout"], // the re-read can outlast the client's deadline on a loaded machine
            [FaultKind.SlowIo] = ["SlowIo"],
            [FaultKind.StalledIo] = ["Timeout"],
            [FaultKind.MessageLost] = ["Timeout"],
            [FaultKind.ProcessCrash] = ["ProcessCrash"],
            [FaultKind.SoftwareException] = ["SoftwareException"],
            [FaultKind.Timeout] = ["Timeout"],
            [FaultKind.ResourceExhaustion] = ["ResourceExhaustion"],
        };
        var checkedFaults = 0;
        foreach (var fault in fired.Where(f => f.Kind != FaultKind.MessageDelayed))
        {
            var entries = observed[(fault.OperationId, fault.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture))].ToList();
            var matching = entries.Where(e => expectedKinds[fault.Kind].Contains(e.Field("kind"))).ToList();
            Assert.True(matching.Count > 0, $"fault #{fault.Id} {fault.Kind} on {fault.OperationId} attempt {fault.Attempt} was not observed; entries: " +
                                            string.Join(" | ", entries.Select(e => e.Message)));
            Assert.All(matching, e => Assert.Equal(fault.ExpectedClass.ToString(), e.Field("failureClass")));
            Assert.All(matching, e => Assert.Contains(e.Field("action"), Enum.GetNames<FailureAction>()));
            checkedFaults++;
        }
        output.WriteLine($"{checkedFaults} struck faults matched to their observation in the log");
        Assert.True(checkedFaults > 40);
        // Transient faults never end in the permanent class.
        Assert.DoesNotContain(log, e => e.Event == "FailureObserved" && e.Field("failureClass") == "Permanent");
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
    public async Task Without_idempotency_keys_the_same_retries_apply_deposits_twice()
    {
        // The control for the test above: same faults, same policy, keys ignored by the server.
        using var bed = LedgerTestbed.Create(_dir.Sub("nokeys"), new FaultPlan { Rate = 0.3, Seed = 8 });
        var server = new LedgerService(bed.RecordLog, bed.Injector, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance) { Deduplicate = false };
        var client = new LedgerClient(server, new UnreliableNetwork(bed.Injector), bed.Injector,
            ResiliencePolicy.Create(new ResiliencePolicyOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance),
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var requests = Enumerable.Range(0, 200).Select(i => new DepositRequest($"k-{i}", i % 16, 10)).ToList();
        var acknowledged = new List<DepositRequest>();
        foreach (var r in requests)
        {
            await client.DepositAsync(r);
            acknowledged.Add(r);
        }
        var audit = bed.Audit(acknowledged);
        output.WriteLine($"{audit.DuplicateKeys.Count} deposits applied more than once; stored total {audit.StoredTotal} for {requests.Sum(r => r.Amount)} deposited");
        Assert.NotEmpty(audit.DuplicateKeys);
        Assert.True(audit.StoredTotal > requests.Sum(r => r.Amount));
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task Permanent_faults_surface_at_once_as_a_clear_error()
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
    public async Task The_circuit_breaker_fails_fast_during_an_outage_and_closes_after_it()
    {
        var policy = new ResiliencePolicyOptions { BreakerMinimumThroughput = 4, MaxRetryAttempts = 3, BreakDuration = TimeSpan.FromMilliseconds(100) };
        using var bed = LedgerTestbed.Create(_dir.Sub("breaker"), FaultPlan.None, policy: policy);
        await bed.Client.DepositAsync(new DepositRequest("before", 1, 5));
        await bed.Server.CrashForAsync(TimeSpan.FromMilliseconds(600));

        // Calls during the outage fail; once the breaker is open, a call is refused without reaching the server.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var failFast = false;
        var i = 0;
        while (!failFast && DateTime.UtcNow < deadline)
        {
            var requestsBefore = bed.Server.Requests;
            var e = await Assert.ThrowsAnyAsync<Exception>(() => bed.Client.DepositAsync(new DepositRequest($"during-{i++}", 1, 5)));
            failFast = e is Polly.CircuitBreaker.BrokenCircuitException && bed.Server.Requests == requestsBefore;
        }
        Assert.True(failFast, "the breaker never refused a call outright during the outage");

        // After the outage the half-open probe succeeds and calls flow again.
        DepositReceipt? receipt = null;
        while (receipt is null && DateTime.UtcNow < deadline)
        {
            try { receipt = await bed.Client.DepositAsync(new DepositRequest("after", 1, 5)); }
            catch (Exception e) when (FailureClassifier.IsTransient(e)) { }
        }
        Assert.NotNull(receipt);
        var states = bed.ReadLog().Where(e => e.Event == "CircuitChanged").Select(e => e.Field("state")).ToList();
        output.WriteLine($"breaker: {string.Join(" → ", states)}; {i} calls during the outage");
        Assert.Equal("opened", states.First());
        Assert.Contains("closed", states);
    }

    [Fact]
    [Goal("1.1.1-1")]
    public void The_log_is_one_JSON_object_per_line_with_the_fields_as_properties()
    {
        var path = _dir.Sub("sample.jsonl");
        using (var provider = Logging.JsonLinesLoggerProvider.ToFile(path))
        {
            var logger = provider.CreateLogger("test");
            FailureLog.FailureObserved(logger, new(FaultKind.DiskFull, FailureClass.Permanent, FailureComponent.Disk), FailureAction.Surfaced, "op-1", 1, "quote \" and\nnewline");
        }
        var line = Assert.Single(File.ReadAllLines(path, Encoding.UTF8));
        var entry = Logging.JsonLogEntry.Parse(line);
        Assert.Equal("FailureObserved", entry.Event);
        Assert.Equal(FailureLog.FailureObservedId, entry.EventId);
        Assert.Equal("Error", entry.Level);
        Assert.Equal("DiskFull", entry.Field("kind"));
        Assert.Equal("Permanent", entry.Field("failureClass"));
        Assert.Equal("Disk", entry.Field("component"));
        Assert.Equal("Surfaced", entry.Field("action"));
        Assert.Equal("1", entry.Field("attempt"));
        Assert.Equal("quote \" and\nnewline", entry.Field("detail"));
        var e = Assert.Throws<FormatException>(() => Logging.JsonLogEntry.Parse("{not json", 7));
        Assert.Contains("Log line 7", e.Message);
    }

    [Fact]
    [Goal("1.1.1-1")]
    public void A_fault_plan_with_bad_values_is_rejected_by_name()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new FaultPlan { Rate = 1.5 }.Validate());
        Assert.Equal("Rate", e.ParamName);
        Assert.Throws<ArgumentException>(() => new FaultPlan { Rate = 0.1, Kinds = [FaultKind.DiskFull] }.Validate());
        Assert.Throws<ArgumentException>(() => new FaultPlan { Rate = 0.1, Kinds = [FaultKind.ServiceUnavailable] }.Validate());
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task Experiment_at_small_scale_shows_the_policy_absorbing_transient_faults()
    {
        await using var services = new ExperimentServices();
        var finding = await new FaultInjectionExperiment().RunAsync(ExperimentContext.ForTest(services, "1.1.1-1"), CancellationToken.None);
        foreach (var row in finding.Tables[0].Rows) output.WriteLine(string.Join(" | ", row));
        foreach (var note in finding.Notes) output.WriteLine(note);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(100, finding.FigureNamed("success with policy at 30% faults")!.Value);
        Assert.True(finding.FigureNamed("success without policy at 30% faults")!.Value < 100);
    }
}
