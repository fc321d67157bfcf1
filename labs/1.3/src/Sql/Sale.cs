namespace StatelessMind.Labs.Programming.Sql;

/// <summary>A row of <c>sales</c>: amounts in cents, so every sum is exact on both sides.</summary>
public sealed record Sale(int Id, int EmployeeId, DateOnly SoldOn, long AmountCents);
