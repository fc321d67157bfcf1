using Npgsql;

namespace StatelessMind.Labs.Relational.Crud;

/// <summary>A row refers to one that does not exist (SQLSTATE 23503 on insert/update), e.g. a product's category.</summary>
public sealed class MissingReferenceException : ShopException
{
    public MissingReferenceException(string entity, string reference, PostgresException cause)
        : base($"The {reference} this {entity} refers to does not exist ({cause.Detail ?? cause.ConstraintName}).", cause)
    {
        Entity = entity;
        Reference = reference;
    }

    /// <summary>Found by the code before the database had to say it (e.g. an order line for an unknown product).</summary>
    public MissingReferenceException(string entity, string reference, long id)
        : base($"The {reference} {id} this {entity} refers to does not exist.")
    {
        Entity = entity;
        Reference = reference;
    }

    public string Entity { get; }
    public string Reference { get; }
}
