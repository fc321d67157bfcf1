namespace StatelessMind.Labs.Lifecycle.Lake.Storage;

/// <summary>
/// The object-store interface the lake and the lakehouse are written through: whole objects under string keys,
/// listed by prefix in key order. No rename and no append — what S3 offers — so a transaction log must be built
/// from <see cref="PutIfAbsentAsync"/> alone.
/// </summary>
public interface IObjectStore
{
    /// <summary>What the store is, for reports.</summary>
    string Description { get; }

    /// <summary>Writes (or overwrites) an object.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Creates the object only if no object has the key; false (and nothing written) when one exists.</summary>
    Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>The object's bytes, or null when there is no such key.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every object whose key starts with <paramref name="prefix"/>, in ordinal key order, after <paramref name="startAfter"/> when given.</summary>
    Task<IReadOnlyList<ObjectEntry>> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the object (no error when it is absent).</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}
