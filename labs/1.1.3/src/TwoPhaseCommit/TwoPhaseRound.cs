using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>
/// The protocol actions of one transfer, each one statement or one log write, and each followed by its point in the
/// protocol (<see cref="TwoPhaseStep"/>) where a fault injector may stop the coordinator. The order in which they are
/// called is the protocol itself (<see cref="TwoPhaseCoordinator.RunProtocolAsync"/>).
/// </summary>
internal sealed class TwoPhaseRound(Transfer transfer, string gid, DecisionLog log, IReadOnlyList<ParticipantSession> sessions, IFaultInjector? faults)
{
    private int _prepared;
    private int _committed;

    public Transfer Transfer { get; } = transfer;
    public string Gid { get; } = gid;

    /// <summary>The participants' sessions, in the order of prepare and commit.</summary>
    public IReadOnlyList<ParticipantSession> Sessions { get; } = sessions;

    /// <summary>PREPARE TRANSACTION on a participant: true when it voted yes (its part is durable and it promises to commit
    /// if told), false when the statement failed (the participant is gone or refused: its local work is lost).</summary>
    public async Task<bool> PrepareAsync(ParticipantSession session, CancellationToken ct)
    {
        try
        {
            await session.Context.Database.ExecuteSqlRawAsync(TwoPhaseCoordinator.Statement("PREPARE TRANSACTION", Gid), ct);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            session.LastError = e.Message;
            return false;
        }
        await session.ForgetTransactionAsync();
        await At(TwoPhaseStep.Prepared, session.Participant, ct);
        if (++_prepared == Sessions.Count) await At(TwoPhaseStep.AllPrepared, -1, ct);
        return true;
    }

    /// <summary>Appends the decision to the log (a commit record is fsynced before this returns).</summary>
    public async Task LogDecisionAsync(Decision decision, CancellationToken ct)
    {
        log.Append(decision, Transfer.Id, Transfer.Participants);
        if (decision == Decision.Commit) await At(TwoPhaseStep.DecisionLogged, -1, ct);
    }

    /// <summary>COMMIT PREPARED on a participant, telling "done" from "no such prepared transaction" from "unreachable".</summary>
    public async Task<PhaseTwoAnswer> CommitPreparedAsync(ParticipantSession session, CancellationToken ct)
    {
        var answer = await FinishAsync(session, "COMMIT PREPARED", ct);
        if (answer != PhaseTwoAnswer.Done) return answer;
        await At(TwoPhaseStep.CommittedPrepared, session.Participant, ct);
        if (++_committed == Sessions.Count) await At(TwoPhaseStep.AllCommitted, -1, ct);
        return answer;
    }

    /// <summary>ROLLBACK PREPARED on a participant; an unreachable one keeps the transaction in doubt until recovery
    /// rolls it back (presumed abort).</summary>
    public Task<PhaseTwoAnswer> RollbackPreparedAsync(ParticipantSession session, CancellationToken ct) =>
        FinishAsync(session, "ROLLBACK PREPARED", ct);

    /// <summary>The end record: every participant carried out the commit.</summary>
    public void LogEnd() => log.Append(Decision.End, Transfer.Id, Transfer.Participants);

    private async Task<PhaseTwoAnswer> FinishAsync(ParticipantSession session, string command, CancellationToken ct)
    {
        try
        {
            await session.Context.Database.ExecuteSqlRawAsync(TwoPhaseCoordinator.Statement(command, Gid), ct);
            return PhaseTwoAnswer.Done;
        }
        catch (Exception e) when (TwoPhaseCoordinator.ClassifyFailure(e) is { } answer)
        {
            session.LastError = e.Message;
            return answer;
        }
    }

    private ValueTask At(TwoPhaseStep step, int participant, CancellationToken ct) =>
        faults?.AtAsync(step, participant, ct) ?? ValueTask.CompletedTask;
}
