namespace StatelessMind.Harness.Experiments;

/// <summary>
/// Pass: the goal's property held and its targets were met. Fail: it did not (the runner exits non-zero).
/// Inconclusive: a required part could not be measured here (a service or tool missing), or nothing was checked;
/// the runner counts it as a failure. Optional parts that could not run are listed in <see cref="Finding.Excused"/>.
/// </summary>
public enum Verdict
{
    Pass,
    Fail,
    Inconclusive,
}
