namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>
/// Turns a <see cref="CrashPoint"/> into a stop at the matching protocol step: there the coordinator hands control to
/// <paramref name="stop"/>, which may kill a participant and let it go on, or never return (in a
/// <see cref="CoordinatorProgram"/> the parent kills the process while it waits). Also the rules each crash point
/// implies, which the checks hold every transfer to.
/// </summary>
public sealed class CrashInjector(CrashPoint point, Transfer transfer, Func<CoordinatorStop, CancellationToken, Task> stop) : IFaultInjector
{
    /// <summary>True once the stop was reached (a transfer refused in its local work never reaches one).</summary>
    public bool Fired { get; private set; }

    public async ValueTask AtAsync(TwoPhaseStep step, int participant, CancellationToken cancellationToken)
    {
        if (Fired || !Matches(point, step, participant, transfer)) return;
        Fired = true;
        await stop(new CoordinatorStop(point, step, participant), cancellationToken);
    }

    /// <summary>Whether the protocol step is the one the crash point names.</summary>
    public static bool Matches(CrashPoint point, TwoPhaseStep step, int participant, Transfer transfer) => (point, step) switch
    {
        (CrashPoint.CoordinatorBeforePrepare or CrashPoint.ParticipantDownAtPrepare, TwoPhaseStep.WorkDone) => true,
        (CrashPoint.CoordinatorAfterFirstPrepare, TwoPhaseStep.Prepared) => participant == transfer.Participants[0],
        (CrashPoint.CoordinatorAfterAllPrepared or CrashPoint.ParticipantCrashAfterPrepare, TwoPhaseStep.AllPrepared) => true,
        (CrashPoint.CoordinatorAfterDecision, TwoPhaseStep.DecisionLogged) => true,
        (CrashPoint.CoordinatorMidCommit, TwoPhaseStep.CommittedPrepared) => participant == transfer.Participants[0],
        (CrashPoint.CoordinatorBeforeEnd, TwoPhaseStep.AllCommitted) => true,
        _ => false,
    };

    /// <summary>The coordinator itself dies at this point (its process is killed).</summary>
    public static bool IsCoordinatorCrash(CrashPoint point) => point is not (CrashPoint.None or CrashPoint.ParticipantDownAtPrepare or CrashPoint.ParticipantCrashAfterPrepare);

    /// <summary>The participant a participant crash point kills: the last before its PREPARE, the first after everyone's.</summary>
    public static int ParticipantToKill(CrashPoint point, Transfer transfer) => point switch
    {
        CrashPoint.ParticipantDownAtPrepare => transfer.Participants[^1],
        CrashPoint.ParticipantCrashAfterPrepare => transfer.Participants[0],
        _ => throw new ArgumentOutOfRangeException(nameof(point), point, "not a participant crash point"),
    };

    /// <summary>Whether a transfer that reached its failure must end committed after recovery.</summary>
    public static bool MustCommit(CrashPoint point) => point is CrashPoint.None or CrashPoint.CoordinatorAfterDecision
        or CrashPoint.CoordinatorMidCommit or CrashPoint.CoordinatorBeforeEnd or CrashPoint.ParticipantCrashAfterPrepare;

    /// <summary>How many of a transfer's <paramref name="participants"/> hold it prepared (in doubt) once the failure
    /// happened and every participant is up again, before any recovery.</summary>
    public static int InDoubtAfter(CrashPoint point, int participants) => point switch
    {
        CrashPoint.CoordinatorAfterFirstPrepare => 1,
        CrashPoint.CoordinatorAfterAllPrepared or CrashPoint.CoordinatorAfterDecision => participants,
        CrashPoint.CoordinatorMidCommit => participants - 1,
        // Killed after preparing, the first participant missed COMMIT PREPARED; the others got it.
        CrashPoint.ParticipantCrashAfterPrepare => 1,
        _ => 0,
    };
}
