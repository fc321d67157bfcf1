namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>Turns a <see cref="CrashPoint"/> into action at the matching protocol step.</summary>
public sealed class CrashInjector(CrashPoint point, Transfer transfer, Func<int, CancellationToken, Task> killParticipant) : IFaultInjector
{
    private bool _fired;

    /// <summary>True once the failure was injected (a transfer refused in its local work never reaches one).</summary>
    public bool Fired => _fired;

    public async ValueTask AtAsync(TwoPhaseStep step, int participant, CancellationToken cancellationToken)
    {
        if (_fired) return;
        var first = transfer.Participants[0];
        var last = transfer.Participants[^1];
        var hit = (point, step) switch
        {
            (CrashPoint.CoordinatorBeforePrepare, TwoPhaseStep.WorkDone) => true,
            (CrashPoint.CoordinatorAfterFirstPrepare, TwoPhaseStep.Prepared) => participant == first,
            (CrashPoint.CoordinatorAfterAllPrepared, TwoPhaseStep.AllPrepared) => true,
            (CrashPoint.CoordinatorAfterDecision, TwoPhaseStep.DecisionLogged) => true,
            (CrashPoint.CoordinatorMidCommit, TwoPhaseStep.CommittedPrepared) => participant == first,
            (CrashPoint.CoordinatorBeforeEnd, TwoPhaseStep.AllCommitted) => true,
            (CrashPoint.ParticipantDownAtPrepare, TwoPhaseStep.WorkDone) => true,
            (CrashPoint.ParticipantCrashAfterPrepare, TwoPhaseStep.AllPrepared) => true,
            _ => false,
        };
        if (!hit) return;
        _fired = true;
        switch (point)
        {
            case CrashPoint.ParticipantDownAtPrepare:
                await killParticipant(last, cancellationToken);
                break;
            case CrashPoint.ParticipantCrashAfterPrepare:
                await killParticipant(first, cancellationToken);
                break;
            default:
                throw new CoordinatorCrashedException(step, participant);
        }
    }

    /// <summary>Whether a transfer that reached its failure must end committed after recovery.</summary>
    public static bool MustCommit(CrashPoint point) => point is CrashPoint.None or CrashPoint.CoordinatorAfterDecision
        or CrashPoint.CoordinatorMidCommit or CrashPoint.CoordinatorBeforeEnd or CrashPoint.ParticipantCrashAfterPrepare;
}
