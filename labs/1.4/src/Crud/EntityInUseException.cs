using Npgsql;

namespace StatelessMind.Labs.Relational.Crud;

/// <summary>A delete is refused because other rows still refer to the row (SQLSTATE 23503, ON DELETE RESTRICT).</summary>
public sealed class EntityInUseException(string entity, long id, PostgresException cause)
    : ShopException($"The {entity} {id} cannot be deleted: {cause.Detail ?? "other rows refer to it"}", cause)
{
    public string Entity { get; } = entity;
    public long Id { get; } = id;
}
