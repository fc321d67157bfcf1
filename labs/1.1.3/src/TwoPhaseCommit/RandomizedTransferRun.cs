using System.Diagnostics;

namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>
/// Runs randomized transfers over the testbed's participants, each with a randomly chosen failure
/// (<see cref="CrashPoint"/>). After a failure the coordinator "restarts": it reopens the decision log
/// from disk, downed participants are started again, and <see cref="InDoubtResolver"/> resolves what was
/// left in doubt. After every transfer its outcome is checked against what its crash point implies;
/// every 50 transfers and at the end the total over all databases is checked.
/// </summary>
public sealed class RandomizedTransferRun(TwoPhaseCommitTestbed bed, string decisionLogPath)
{
    /// <summary>Relative weights of the crash points (participant kills are the slow ones: a real restart).</summary>
    public IReadOnlyDictionary<CrashPoint, int> Weights { get; init; } = new Dictionary<CrashPoint, int>
    {
        [CrashPoint.None] = 30,
        [CrashPoint.CoordinatorBeforePrepare] = 10,
        [CrashPoint.CoordinatorAfterFirstPrepare] = 10,
        [CrashPoint.CoordinatorAfterAllPrepared] = 10,
        [CrashPoint.CoordinatorAfterDecision] = 10,
        [CrashPoint.CoordinatorMidCommit] = 10,
        [CrashPoint.CoordinatorBeforeEnd] = 10,
        [CrashPoint.ParticipantDownAtPrepare] = 2,
        [CrashPoint.ParticipantCrashAfterPrepare] = 2,
    };

    public async Task<RandomizedRunReport> RunAsync(int runs, int seed, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var rng = new Random(seed);
        var start = Stopwatch.GetTimestamp();
        var injected = Enum.GetValues<CrashPoint>().ToDictionary(p => p, _ => 0);
        int committed = 0, aborted = 0, coordinatorCrashes = 0, restarts = 0, passes = 0, byCommit = 0, byRollback = 0,
            mismatches = 0, partial = 0, totalMismatches = 0;
        long preparedLeft = 0;
        var problems = new List<string>();
        var log = DecisionLog.Open(decisionLogPath);
        try
        {
            for (var i = 0; i < runs; i++)
            {
                var transfer = RandomTransfer(rng, $"r{seed}-{i}");
                // The first transfers go through every crash point once, so even a short run covers each step.
                var point = i < AllPoints.Length ? AllPoints[i] : Pick(rng);
                var injector = new CrashInjector(point, transfer, (p, ct) => bed.KillAsync(p, ct));
                var coordinator = new TwoPhaseCoordinator(bed.Participants, log, injector);
                TransferResult? result = null;
                #region Exercise 1.1.3-2: run a transfer with an injected crash, restart the coordinator from its log, recover
                try
                {
                    result = await coordinator.ExecuteAsync(transfer, cancellationToken);
                }
                catch (CoordinatorCrashedException)
                {
                    coordinatorCrashes++;
                    // A new coordinator process knows only what its log has on disk.
                    log.Dispose();
                    log = DecisionLog.Open(decisionLogPath);
                }
                if (injector.Fired) injected[point]++;
                if (result is null || result.Outcome != TransferOutcome.Committed)
                {
                    restarts += await bed.RestartStoppedAsync(cancellationToken);
                    var recovery = await new InDoubtResolver(bed.Participants, log).RecoverAsync(cancellationToken);
                    passes++;
                    byCommit += recovery.Committed;
                    byRollback += recovery.RolledBack;
                    var left = await bed.PreparedCountAsync(cancellationToken);
                    preparedLeft += left;
                    if (left > 0 || recovery.Unreachable.Count > 0)
                        problems.Add($"{transfer.Id} ({point}): {left} prepared transaction(s) left, unreachable: [{string.Join(",", recovery.Unreachable)}]");
                }
                #endregion

                var holding = await bed.ParticipantsHoldingAsync(transfer.Id, transfer.Participants, cancellationToken);
                var applied = holding.Count == transfer.Participants.Count;
                if (holding.Count > 0 && !applied)
                {
                    partial++;
                    problems.Add($"{transfer.Id} ({point}): applied in [{string.Join(",", holding)}] of [{string.Join(",", transfer.Participants)}]");
                }
                var expected = result?.Outcome == TransferOutcome.AbortedByVote ? false
                    : injector.Fired ? CrashInjector.MustCommit(point)
                    : true;
                if (applied != expected)
                {
                    mismatches++;
                    problems.Add($"{transfer.Id} ({point}, {result?.Outcome.ToString() ?? "coordinator crashed"}): applied={applied}, expected {expected}");
                }
                if (applied) committed++;
                else aborted++;

                if ((i + 1) % 50 == 0 || i == runs - 1)
                {
                    var total = await bed.TotalAsync(cancellationToken);
                    if (total != bed.ExpectedTotal)
                    {
                        totalMismatches++;
                        problems.Add($"after {i + 1} transfers the total is {total}, expected {bed.ExpectedTotal}");
                    }
                    progress?.Report((i + 1.0) / runs);
                }
            }
            return new RandomizedRunReport
            {
                Runs = runs, Committed = committed, Aborted = aborted, Injected = injected, CoordinatorCrashes = coordinatorCrashes,
                ParticipantRestarts = restarts, RecoveryPasses = passes, RecoveredByCommit = byCommit, RecoveredByRollback = byRollback,
                OutcomeMismatches = mismatches, AtomicityViolations = Math.Max(partial, await bed.PartiallyAppliedTransfersAsync(cancellationToken)),
                PreparedLeftAfterRecovery = preparedLeft, ExpectedTotal = bed.ExpectedTotal, TotalMismatches = totalMismatches,
                FinalTotal = await bed.TotalAsync(cancellationToken), Elapsed = Stopwatch.GetElapsedTime(start), Problems = problems,
            };
        }
        finally
        {
            log.Dispose();
        }
    }

    private static readonly CrashPoint[] AllPoints = Enum.GetValues<CrashPoint>();

    private CrashPoint Pick(Random rng)
    {
        var roll = rng.Next(Weights.Values.Sum());
        foreach (var (point, weight) in Weights.OrderBy(kv => kv.Key))
        {
            if (roll < weight) return point;
            roll -= weight;
        }
        return CrashPoint.None;
    }

    /// <summary>Two legs (debit, credit) across two databases, or three (debit, credit, fee) across three.</summary>
    private Transfer RandomTransfer(Random rng, string id)
    {
        var n = bed.Clusters.Count;
        var count = n == 3 && rng.Next(2) == 0 ? 3 : 2;
        var order = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Take(count).ToList();
        var amount = rng.Next(1, 400);
        int Acct() => rng.Next(1, bed.AccountsPerParticipant + 1);
        if (count == 2)
            return new Transfer(id, [new TransferLeg(order[0], Acct(), -amount), new TransferLeg(order[1], Acct(), amount)]);
        var fee = Math.Max(1, amount / 10);
        return new Transfer(id, [new TransferLeg(order[0], Acct(), -amount), new TransferLeg(order[1], Acct(), amount - fee), new TransferLeg(order[2], Acct(), fee)]);
    }
}
