using Npgsql;

namespace StatelessMind.Labs.Relational.Crud;

/// <summary>A value that must be unique is taken (SQLSTATE 23505), e.g. a product's SKU or a customer's e-mail.</summary>
public sealed class DuplicateValueException(string entity, string field, PostgresException cause)
    : ShopException($"A {entity} with this {field} already exists ({cause.Detail ?? cause.ConstraintName}).", cause)
{
    public string Entity { get; } = entity;
    public string Field { get; } = field;
}
