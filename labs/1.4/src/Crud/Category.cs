namespace StatelessMind.Labs.Relational.Crud;

/// <summary>A product category (table <c>category</c>).</summary>
public sealed record Category(long Id, string Name);
