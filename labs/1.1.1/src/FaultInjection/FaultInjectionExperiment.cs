using System.Globalization;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>
/// 1.1.1-1: success rate and p50/p99 latency of a deposit-and-read-back workload against the injected
/// fault rate, with the resilience policy (timeout + jittered retry + circuit breaker) and without it
/// (one attempt, same deadline). Also: every stored bit flip is caught by CRC-32C, a full disk
/// surfaces at once as a permanent error, and no deposit is ever applied twice.
/// </summary>
public sealed class FaultInjectionExperiment : IExperiment
{
    public string GoalId => "1.1.1-1";
    public string Title => "Failure types injected, classified in JSON logs, and absorbed by a resilience policy";

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rates = context.Size<double[]>([0, 0.1, 0.3], [0, 0.02, 0.05, 0.1, 0.2, 0.3]);
        var operations = context.Size(120, 1000);
        const int clients = 4;
        var finding = new FindingBuilder(GoalId, Title);
        var root = Path.Combine(context.OutputDirectory.FullName, "fault-injection");
        var rows = new List<(double Rate, bool Policy, LedgerWorkloadResult Result)>();
        var step = 0;
        // Warm up (JIT, thread pool) so the first measured run is not charged for it.
        foreach (var policy in new[] { true, false })
        {
            using var warm = LedgerTestbed.Create(Path.Combine(root, $"warm-up-{policy}"), new FaultPlan { Rate = 0.3, Seed = context.Seed }, usePolicy: policy);
            await warm.RunAsync(60, context.Seed, clients, cancellationToken: cancellationToken);
        }
        foreach (var rate in rates)
        {
            foreach (var policy in new[] { true, false })
            {
                context.Report((double)step++ / (rates.Length * 2 + 2), $"fault rate {rate:P0}, {(policy ? "with" : "without")} policy");
                var dir = Path.Combine(root, $"rate-{rate.ToString("0.00", CultureInfo.InvariantCulture)}-{(policy ? "policy" : "bare")}");
                using var bed = LedgerTestbed.Create(dir, new FaultPlan { Rate = rate, Seed = context.Seed }, usePolicy: policy);
                rows.Add((rate, policy, await bed.RunAsync(operations, context.Seed, clients, cancellationToken: cancellationToken)));
            }
        }

        context.Report(0.9, "bit flips at rest and a full disk");
        BitFlipDrill flips;
        using (var bed = LedgerTestbed.Create(Path.Combine(root, "bit-flips"), FaultPlan.None))
            flips = await bed.FlipStoredBitsAndReadBackAsync(context.Size(64, 400), context.Size(32, 200), context.Seed, cancellationToken);
        DiskFullDrill full;
        using (var bed = LedgerTestbed.Create(Path.Combine(root, "disk-full"), FaultPlan.None, capacity: 4096))
            full = await bed.FillUntilFullAsync(cancellationToken: cancellationToken);

        context.Report(0.93, "the ledger server as a process, SIGKILLed at each crash point");
        var kills = await ProcessKillDrill.RunAsync(Path.Combine(root, "process-kill"), context.Size(12, 40), context.Seed, cancellationToken: cancellationToken);

        // The checks must be able to fail: each planted bug against the drill that exists to catch it.
        context.Report(0.97, "planted bugs");
        LedgerWorkloadResult noKeys;
        using (var bed = LedgerTestbed.Create(Path.Combine(root, "bug-ignore-keys"), new FaultPlan { Rate = 0.3, Seed = context.Seed }, bug: FaultToleranceBug.IgnoreIdempotencyKeys))
            noKeys = await bed.RunAsync(context.Size(120, 400), context.Seed, clients, cancellationToken: cancellationToken);
        BitFlipDrill trusting;
        using (var bed = LedgerTestbed.Create(Path.Combine(root, "bug-trust-stored-bytes"), FaultPlan.None, bug: FaultToleranceBug.TrustStoredBytes))
            trusting = await bed.FlipStoredBitsAndReadBackAsync(64, 32, context.Seed, cancellationToken);
        DiskFullDrill retryAll;
        using (var bed = LedgerTestbed.Create(Path.Combine(root, "bug-retry-permanent"), FaultPlan.None, capacity: 4096, bug: FaultToleranceBug.RetryPermanentFailures))
            retryAll = await bed.FillUntilFullAsync(cancellationToken: cancellationToken);

        var table = FindingTable.Of("Workload of deposit + read-back per fault rate",
            ["fault rate", "policy", "success", "p50 ms", "p99 ms", "attempts/op", "faults struck", "CRC failures caught", "applied twice", "acked but missing"],
            rows.Select(r => new object?[]
            {
                r.Rate.ToString("P0", CultureInfo.InvariantCulture), r.Policy ? "timeout+retry+breaker" : "single attempt",
                r.Result.SuccessRate.ToString("P1", CultureInfo.InvariantCulture), r.Result.Latency.P50Ms, r.Result.Latency.P99Ms,
                r.Result.AttemptsPerOperation, r.Result.FaultsFired, $"{r.Result.ChecksumFailuresDetected} of {r.Result.BitFlipsFired}",
                r.Result.Audit.DuplicateKeys.Count, r.Result.Audit.MissingAcknowledged.Count,
            }));
        finding.Table(table);
        finding.Plot(SavePlots(context, rows, rates));

        var worst = rates.Max();
        var worstText = $"{worst * 100:0}%";
        var withPolicy = rows.Single(r => r.Rate == worst && r.Policy).Result;
        var without = rows.Single(r => r.Rate == worst && !r.Policy).Result;
        finding.Figure($"success with policy at {worstText} faults", withPolicy.SuccessRate * 100, "%", key: true, target: "100 %")
               .Figure($"success without policy at {worstText} faults", without.SuccessRate * 100, "%", key: true)
               .Figure($"p99 with policy at {worstText} faults", withPolicy.Latency.P99Ms, "ms", key: true)
               .Figure($"p99 without policy at {worstText} faults", without.Latency.P99Ms, "ms", key: true)
               .Figure("deposits applied twice (all runs)", rows.Sum(r => r.Result.Audit.DuplicateKeys.Count), "", key: true, target: "0")
               .Figure("stored bit flips detected", flips.Detected, $"of {flips.Flipped}", key: true, target: "all")
               .Figure("attempts of the call that found the disk full", full.AttemptsOnFailure, "", target: "1")
               .Figure("ledger server processes SIGKILLed", kills.Kills.Count, "", key: true)
               .Figure("acknowledged deposits lost or applied twice across the SIGKILLs", kills.Audit.DuplicateKeys.Count + kills.Audit.MissingAcknowledged.Count, "", key: true, target: "0")
               .Figure("attempts per operation with policy at " + worstText + " faults", withPolicy.AttemptsPerOperation, "");

        foreach (var (rate, _, _) in rows.Where(r => r.Policy))
        {
            var a = rows.Single(r => r.Rate == rate && r.Policy).Result;
            var b = rows.Single(r => r.Rate == rate && !r.Policy).Result;
            finding.Check(a.SuccessRate >= b.SuccessRate, $"at {rate * 100:0}% faults the policy succeeds at least as often ({a.SuccessRate:P1} vs {b.SuccessRate:P1})");
        }
        finding.Check(withPolicy.SuccessRate == 1.0, $"with the policy every operation succeeds at {worstText} transient faults ({withPolicy.Succeeded}/{withPolicy.Operations})")
               .Check(rows.All(r => r.Result.Audit.DuplicateKeys.Count == 0), "no deposit is applied twice, in any run (idempotency keys)")
               .Check(rows.All(r => r.Result.Audit.MissingAcknowledged.Count == 0), "every acknowledged deposit is in the durable log")
               .Check(rows.All(r => r.Result.ChecksumFailuresDetected == r.Result.BitFlipsFired), "every bit flipped in flight failed its CRC-32C and was re-read")
               .Check(flips.EveryFlipDetected, $"every stored bit flip is detected, no intact record is flagged ({flips.Detected}/{flips.Flipped}, {flips.FalseAlarms} false alarms)")
               .Check(full.SurfacedAsDiskFull && full.AttemptsOnFailure == 1, $"a full disk surfaces as a permanent error after one attempt ({full.AttemptsOnFailure} attempt(s))")
               .Check(kills.EveryKillWasSigkill && kills.ExactlyOnce,
                      $"real process crashes: the ledger server was SIGKILLed {kills.Kills.Count} times (before applying, mid-append, before replying); " +
                      $"every one of the {kills.Acknowledged} acknowledged deposits is in the log exactly once")
               .Check(kills.TornTailsQuarantined && kills.RetriesFoundWhatWasDurable,
                      $"each kill mid-append left a torn tail the restart quarantined ({kills.QuarantinedFileBytes} bytes in all); each retry after a kill before the reply found its key applied")
               .Check(noKeys.Audit.DuplicateKeys.Count > 0, $"planted bug caught: a server that ignores idempotency keys applied {noKeys.Audit.DuplicateKeys.Count} deposits twice")
               .Check(!trusting.EveryFlipDetected, $"planted bug caught: reads that skip the CRC check let {trusting.Missed} of {trusting.Flipped} stored bit flips through")
               .Check(retryAll.AttemptsOnFailure > 1, $"planted bug caught: a policy that retries permanent failures tried the full disk {retryAll.AttemptsOnFailure} times")
               .Note($"Disk full after {full.Stored} deposits: \"{full.Error}\"")
               .Note($"Workload: {operations} operations per run from {clients} concurrent clients, each pausing 1 ms between operations; one operation = deposit (write, fsync) + read-back (CRC-checked). " +
                     "A fault rate r means each request attempt carries one injected fault with probability r, of a kind drawn uniformly from " +
                     string.Join(", ", FaultCatalog.TransientMix) + ". Without the policy a call makes one attempt with the same 100 ms deadline.")
               .Note("In the workload runs a process crash is simulated inside the test process (the server drops its memory and rebuilds it from the log). " +
                     "The process-kill drill crashes it for real: the server runs as a child process and is SIGKILLed at each crash point, then restarted.")
               .Note("Full per-fault logs: failures.jsonl in each run's folder under fault-injection/.");
        return finding.Build(
            $"At {worstText} injected faults per attempt, {withPolicy.SuccessRate:P1} of operations succeeded with the policy and {without.SuccessRate:P1} with a single attempt " +
            $"(p99 {withPolicy.Latency.P99Ms:0.#} ms vs {without.Latency.P99Ms:0.#} ms); {flips.Detected} of {flips.Flipped} stored bit flips were detected; " +
            $"the ledger server process was SIGKILLed {kills.Kills.Count} times.");
    }

    private static PlotRef SavePlots(ExperimentContext context, List<(double Rate, bool Policy, LedgerWorkloadResult Result)> rows, double[] rates)
    {
        var plot = new ScottPlot.Plot();
        var xs = rates.Select(r => r * 100).ToArray();
        foreach (var policy in new[] { true, false })
        {
            var name = policy ? "with policy" : "single attempt";
            var success = plot.Add.Scatter(xs, rates.Select(r => rows.Single(x => x.Rate == r && x.Policy == policy).Result.SuccessRate * 100).ToArray());
            success.LegendText = $"success % ({name})";
            var p99 = plot.Add.Scatter(xs, rates.Select(r => rows.Single(x => x.Rate == r && x.Policy == policy).Result.Latency.P99Ms).ToArray());
            p99.LegendText = $"p99 ms ({name})";
            p99.LinePattern = ScottPlot.LinePattern.Dashed;
            var p50 = plot.Add.Scatter(xs, rates.Select(r => rows.Single(x => x.Rate == r && x.Policy == policy).Result.Latency.P50Ms).ToArray());
            p50.LegendText = $"p50 ms ({name})";
            p50.LinePattern = ScottPlot.LinePattern.Dotted;
        }
        plot.Title("Success rate and latency against injected fault rate");
        plot.XLabel("injected fault rate (% of attempts)");
        plot.YLabel("success (%) / latency (ms)");
        plot.ShowLegend();
        return context.SavePlot(plot, "fault-injection.png", "Success rate (solid), p99 (dashed) and p50 (dotted) latency with and without the resilience policy");
    }
}
