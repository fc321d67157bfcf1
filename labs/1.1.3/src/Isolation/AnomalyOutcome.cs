using System.Data;

namespace StatelessMind.Labs.Consensus.Isolation;

/// <summary>One cell of the matrix: what happened when <paramref name="Anomaly"/> was attempted at <paramref name="Level"/>.</summary>
/// <param name="Observed">True when the final state or what a session read shows the anomaly.</param>
/// <param name="Prevention">What was seen to stop it (None when observed).</param>
/// <param name="SqlState">The error a session got (40001), or null.</param>
/// <param name="Detail">What the sessions read and wrote, in one line.</param>
public sealed record AnomalyOutcome(Anomaly Anomaly, IsolationLevel Level, bool Observed, Prevention Prevention, string? SqlState, string Detail)
{
    public string Verdict => Observed ? "observed" : Prevention switch
    {
        Prevention.Snapshot => "prevented (snapshot)",
        Prevention.LockWait => "prevented (lock wait)",
        Prevention.LockWaitThenSerializationFailure => "prevented (lock wait, then 40001)",
        Prevention.SerializationFailure => "prevented (40001)",
        _ => "not observed, unexplained",
    };

    /// <summary>Whether this cell shows what PostgreSQL's documentation says it must.</summary>
    public bool MatchesDocumentation => (Observed, Prevention) == DocumentedOutcomes.Of(Anomaly, Level);
}
