namespace StatelessMind.Runner;

/// <summary>Where a goal stands: built (an experiment exists), its lab started but this goal pending, or no lab yet.</summary>
public enum GoalStatus
{
    Built,
    Pending,
    NotBuilt,
}
