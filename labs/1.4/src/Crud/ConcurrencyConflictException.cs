namespace StatelessMind.Labs.Relational.Crud;

/// <summary>The row was written by someone else since it was read (its version moved on): re-read it and retry.</summary>
public sealed class ConcurrencyConflictException(string entity, long id, uint expectedVersion, Exception? cause = null)
    : ShopException($"The {entity} {id} was changed by another writer since version {expectedVersion} was read; reload it and try again.", cause)
{
    public long Id { get; } = id;
    public uint ExpectedVersion { get; } = expectedVersion;
}
