namespace StatelessMind.Labs.MlOps.Serving;

/// <summary>Planted mistakes in the input-drift gauge (tests only).</summary>
public enum DriftBug
{
    None,

    /// <summary>The shift is reported signed (window mean − training mean, over σ): a drop in a feature reads as negative drift.</summary>
    SignedShift,
}
