namespace StatelessMind.Labs.Relational.Crud;

/// <summary>An update or delete names a row that does not exist.</summary>
public sealed class EntityNotFoundException(string entity, long id) : ShopException($"There is no {entity} with id {id}.")
{
    public string Entity { get; } = entity;
    public long Id { get; } = id;
}
