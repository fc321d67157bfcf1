using System.Diagnostics;

namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>
/// Runs randomized transfers over the testbed's participants, each with a randomly chosen failure
/// (<see cref="CrashPoint"/>). A transfer with a failure runs in a coordinator process of its own
/// (<see cref="CoordinatorProcess"/>), which is SIGKILLed at a coordinator crash point, or goes on after a participant
/// was killed. Then the coordinator "restarts": it takes its decision log from disk, downed participants are started
/// again, the transfer's in-doubt count is checked against its crash point's rule, and <see cref="InDoubtResolver"/>
/// resolves what was left in doubt. After every transfer its outcome is checked against its crash point's rule;
/// every 50 transfers and at the end, the total over all databases.
/// </summary>
public sealed class RandomizedTransferRun(TwoPhaseCommitTestbed bed, string decisionLogPath)
{
    /// <summary>Relative weights of the crash points; every failure costs a coordinator process, participant kills also a real restart.</summary>
    public IReadOnlyDictionary<CrashPoint, int> Weights { get; init; } = new Dictionary<CrashPoint, int>
    {
        [CrashPoint.None] = 50,
        [CrashPoint.CoordinatorBeforePrepare] = 7,
        [CrashPoint.CoordinatorAfterFirstPrepare] = 7,
        [CrashPoint.CoordinatorAfterAllPrepared] = 7,
        [CrashPoint.CoordinatorAfterDecision] = 7,
        [CrashPoint.CoordinatorMidCommit] = 7,
        [CrashPoint.CoordinatorBeforeEnd] = 7,
        [CrashPoint.ParticipantDownAtPrepare] = 4,
        [CrashPoint.ParticipantCrashAfterPrepare] = 4,
    };

    /// <summary>Whether the first transfers go through every crash point once, so that even a short run covers each step.</summary>
    public bool CoverEveryPointFirst { get; init; } = true;

    /// <summary>A planted mistake in the coordinator or its recovery, which this run's checks must catch.</summary>
    public TwoPhaseCommitBug Bug { get; init; }

    public async Task<RandomizedRunReport> RunAsync(int runs, int seed, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var rng = new Random(seed);
        var start = Stopwatch.GetTimestamp();
        var injected = Enum.GetValues<CrashPoint>().ToDictionary(p => p, _ => 0);
        int committed = 0, aborted = 0, coordinatorCrashes = 0, restarts = 0, passes = 0, byCommit = 0, byRollback = 0,
            mismatches = 0, partial = 0, totalMismatches = 0, inDoubtMismatches = 0, surprises = 0;
        long preparedLeft = 0;
        var problems = new List<string>();
        var idPrefix = $"r{seed}-";
        var initialTotal = await bed.TotalAsync(cancellationToken);
        var log = DecisionLog.Open(decisionLogPath);
        try
        {
            for (var i = 0; i < runs; i++)
            {
                var transfer = RandomTransfer(rng, $"{idPrefix}{i}");
                var point = CoverEveryPointFirst && i < AllPoints.Length ? AllPoints[i] : Pick(rng);
                TransferOutcome? outcome;
                var fired = false;
                if (point == CrashPoint.None)
                {
                    outcome = (await new TwoPhaseCoordinator(bed.Participants, log, bug: Bug).ExecuteAsync(transfer, cancellationToken)).Outcome;
                }
                else
                {
                    // The coordinator process takes the log; this one gets it back only once that process has ended.
                    log.Dispose();
                    var run = await CoordinatorProcess.RunAsync(new CoordinatorCommandLine(decisionLogPath, bed.ConnectionStrings, transfer, point, Bug),
                        (stop, ct) => OnStopAsync(stop, transfer, ct), cancellationToken: cancellationToken);
                    await bed.WaitForSessionsToCloseAsync(CoordinatorProgram.ApplicationName(run.Pid), cancellationToken);
                    log = DecisionLog.Open(decisionLogPath);
                    if (run.Killed) coordinatorCrashes++;
                    fired = run.StoppedAt is not null;
                    outcome = run.Outcome;
                }
                if (fired) injected[point]++;
                if (outcome == TransferOutcome.CommitFoundNoPreparedTransaction)
                {
                    surprises++;
                    problems.Add($"{transfer.Id} ({point}): COMMIT PREPARED found no prepared transaction");
                }

                if (point != CrashPoint.None || outcome != TransferOutcome.Committed)
                {
                    restarts += await bed.RestartStoppedAsync(cancellationToken);
                    var inDoubt = await bed.InDoubtAsync(transfer.Id, cancellationToken);
                    var expectedInDoubt = fired ? CrashInjector.InDoubtAfter(point, transfer.Participants.Count) : 0;
                    if (inDoubt != expectedInDoubt)
                    {
                        inDoubtMismatches++;
                        problems.Add($"{transfer.Id} ({point}): {inDoubt} participant(s) in doubt before recovery, the rule says {expectedInDoubt}");
                    }
                    var recovery = await new InDoubtResolver(bed.Participants, log, Bug).RecoverAsync(cancellationToken);
                    passes++;
                    byCommit += recovery.Committed;
                    byRollback += recovery.RolledBack;
                    var left = await bed.PreparedCountAsync(cancellationToken);
                    preparedLeft += left;
                    if (left > 0 || recovery.Unreachable.Count > 0)
                        problems.Add($"{transfer.Id} ({point}): {left} prepared transaction(s) left, unreachable: [{string.Join(",", recovery.Unreachable)}]");
                }

                var holding = await bed.ParticipantsHoldingAsync(transfer.Id, transfer.Participants, cancellationToken);
                var applied = holding.Count == transfer.Participants.Count;
                if (holding.Count > 0 && !applied)
                {
                    partial++;
                    problems.Add($"{transfer.Id} ({point}): applied in [{string.Join(",", holding)}] of [{string.Join(",", transfer.Participants)}]");
                }
                var expected = outcome == TransferOutcome.AbortedByVote ? false
                    : fired ? CrashInjector.MustCommit(point)
                    : true;
                if (applied != expected)
                {
                    mismatches++;
                    problems.Add($"{transfer.Id} ({point}, {outcome?.ToString() ?? "coordinator killed"}): applied={applied}, expected {expected}");
                }
                if (applied) committed++;
                else aborted++;

                if ((i + 1) % 50 == 0 || i == runs - 1)
                {
                    var total = await bed.TotalAsync(cancellationToken);
                    if (total != initialTotal)
                    {
                        totalMismatches++;
                        problems.Add($"after {i + 1} transfers the total is {total}, expected {initialTotal}");
                    }
                    progress?.Report((i + 1.0) / runs);
                }
            }
            return new RandomizedRunReport
            {
                Runs = runs, Committed = committed, Aborted = aborted, Injected = injected, CoordinatorCrashes = coordinatorCrashes,
                ParticipantRestarts = restarts, RecoveryPasses = passes, RecoveredByCommit = byCommit, RecoveredByRollback = byRollback,
                OutcomeMismatches = mismatches, InDoubtMismatches = inDoubtMismatches, PhaseTwoSurprises = surprises,
                AtomicityViolations = Math.Max(partial, await bed.PartiallyAppliedTransfersAsync(idPrefix, cancellationToken)),
                PreparedLeftAfterRecovery = preparedLeft, ExpectedTotal = initialTotal, TotalMismatches = totalMismatches,
                FinalTotal = await bed.TotalAsync(cancellationToken), Elapsed = Stopwatch.GetElapsedTime(start), Problems = problems,
            };
        }
        finally
        {
            log.Dispose();
        }
    }

    /// <summary>At a coordinator crash point the process is killed (false); at a participant crash point the participant is
    /// killed and the coordinator goes on (true).</summary>
    private async Task<bool> OnStopAsync(CoordinatorStop stop, Transfer transfer, CancellationToken ct)
    {
        if (CrashInjector.IsCoordinatorCrash(stop.Point)) return false;
        await bed.KillAsync(CrashInjector.ParticipantToKill(stop.Point, transfer), ct);
        return true;
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
