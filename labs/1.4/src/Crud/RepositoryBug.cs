namespace StatelessMind.Labs.Relational.Crud;

/// <summary>Deliberate mistakes <see cref="NpgsqlShopRepository"/> can be built with (tests only). <see cref="None"/> is the design.</summary>
public enum RepositoryBug
{
    None,

    /// <summary>Multi-row writes (a batch of products, an order with its lines and stock decrements) run statement by
    /// statement, each committed on its own: a failure halfway leaves the first half written.</summary>
    NoTransaction,
}
