using StatelessMind.Harness;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Runner;

/// <summary>One line of the report index: a goal, its status, and the finding if it has one.</summary>
public sealed record GoalRow(GoalEntry Goal, SectionEntry Section, GoalStatus Status, Finding? Finding, bool RanNow);
