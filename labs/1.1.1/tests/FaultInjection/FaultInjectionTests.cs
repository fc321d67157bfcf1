using System.Text;
using StatelessMind.Labs.Reliability.FaultInjection;

namespace StatelessMind.Labs.Reliability.Tests.FaultInjection;

/// <summary>1.1.1-1: failures injected, classified in the JSON log, detected by CRC-32C and absorbed (or surfaced) by the policy.</summary>
public sealed class FaultInjectionTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new("faults");

    public void Dispose() => _dir.Dispose();

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
    public async Task Reads_that_skip_the_CRC_check_are_caught_by_the_stored_bit_flip_drill()
    {
        // The planted bug: the same drill as the 1.1.1-1 experiment's, against reads that trust the stored bytes.
        using var bed = LedgerTestbed.Create(_dir.Sub("trusting"), FaultPlan.None, bug: FaultToleranceBug.TrustStoredBytes);
        var drill = await bed.FlipStoredBitsAndReadBackAsync(records: 40, flips: 20, seed: 11);
        output.WriteLine($"{drill.Detected}/{drill.Flipped} detected, {drill.Missed} missed");
        Assert.False(drill.EveryFlipDetected);
        Assert.True(drill.Missed > 0);
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
            [FaultKind.SlowIo] = ["SlowIo", "Timeout"], // on a loaded machine the deadline can pass as the slow read begins
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
        var finding = await ExperimentRun.AtSmallScaleAsync(new FaultInjectionExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(100, finding.FigureNamed("success with policy at 30% faults")!.Value);
        Assert.True(finding.FigureNamed("success without policy at 30% faults")!.Value < 100);
    }
}
