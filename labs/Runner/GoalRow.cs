using StatelessMind.Harness;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Runner;

/// <summary>One line of the report index: a goal, its status, and the finding if it has one.</summary>
/// <param name="Goal">The goal.</param>
/// <param name="Section">Its section.</param>
/// <param name="Status">Built, pending, lab not loaded or not built.</param>
/// <param name="Finding">This run's finding, or one an earlier run left; null when there is none.</param>
/// <param name="RanNow">The finding is this run's.</param>
/// <param name="MeasuredAt">When the finding's run started (for a finding carried over from an earlier run, its date).</param>
/// <param name="Problem">Why the goal could not run (its lab did not load, its experiment threw), or null.</param>
public sealed record GoalRow(GoalEntry Goal, SectionEntry Section, GoalStatus Status, Finding? Finding, bool RanNow,
    DateTimeOffset? MeasuredAt = null, string? Problem = null);
