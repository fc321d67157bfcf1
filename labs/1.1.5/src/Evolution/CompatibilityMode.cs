namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>
/// A schema registry's compatibility modes. BACKWARD: the new schema can read data written with the
/// previous one (upgrade consumers first). FORWARD: the previous schema can read data written with the new
/// one (upgrade producers first). FULL: both. The transitive forms check every earlier version, not just the last.
/// </summary>
public enum CompatibilityMode
{
    None,
    Backward,
    BackwardTransitive,
    Forward,
    ForwardTransitive,
    Full,
    FullTransitive,
}
