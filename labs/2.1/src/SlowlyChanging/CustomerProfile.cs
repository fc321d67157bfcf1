namespace StatelessMind.Labs.DimensionalModeling.SlowlyChanging;

/// <summary>A row of the CRM's <c>customer_profiles</c> table as one load sees it.</summary>
public sealed record CustomerProfile(int CustomerId, string FullName, string Segment, string City, DateTime UpdatedAt);
