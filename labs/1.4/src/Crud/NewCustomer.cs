namespace StatelessMind.Labs.Relational.Crud;

/// <summary>What it takes to register a customer.</summary>
public sealed record NewCustomer(string Email, string FullName);
