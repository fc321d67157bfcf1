namespace StatelessMind.Labs.MlOps.Versioning;

/// <summary>Planted mistakes in the content-addressed cache (tests only).</summary>
public enum CacheBug
{
    None,

    /// <summary>Objects are trusted as stored: reading one never recomputes its hash, so a corrupt entry is served.</summary>
    TrustStoredObjects,
}
