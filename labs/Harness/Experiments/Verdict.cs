namespace StatelessMind.Harness.Experiments;

/// <summary>
/// Pass: the goal's property held and its targets were met. Fail: it did not (the runner exits non-zero).
/// Inconclusive: a part could not run here (a service not configured), said in the notes.
/// </summary>
public enum Verdict
{
    Pass,
    Fail,
    Inconclusive,
}
