namespace StatelessMind.Labs.Relational.Crud;

/// <summary>One line of an order to place: which product, how many.</summary>
public sealed record OrderLineRequest(long ProductId, int Quantity);
