namespace StatelessMind.Labs.Relational.Crud;

/// <summary>A stored customer (table <c>customer</c>).</summary>
public sealed record Customer(long Id, string Email, string FullName, DateTimeOffset CreatedAt);
