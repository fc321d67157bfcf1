namespace StatelessMind.Runner;

/// <summary>Where a goal stands: built (an experiment exists), its lab started but this goal pending, its lab built
/// but not loadable (or not built) in this checkout, or no lab yet.</summary>
public enum GoalStatus
{
    Built,
    Pending,
    LabNotLoaded,
    NotBuilt,
}
