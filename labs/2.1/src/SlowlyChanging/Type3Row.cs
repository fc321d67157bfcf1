namespace StatelessMind.Labs.DimensionalModeling.SlowlyChanging;

/// <summary>A row of the type-3 dimension: the current segment, the one before its last change, and when that was.</summary>
public sealed record Type3Row(int CustomerId, string FullName, string Segment, string? PreviousSegment, DateTime? SegmentChangedAt);
