namespace StatelessMind.Labs.Programming.Sql;

/// <summary>A row of <c>departments</c>.</summary>
public sealed record Department(int Id, string Name);
