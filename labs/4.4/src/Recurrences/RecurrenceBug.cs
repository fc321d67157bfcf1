namespace StatelessMind.Labs.DiscreteMath.Recurrences;

/// <summary>Deliberate solver mistakes (tests only): the comparison with iteration must catch each.</summary>
public enum RecurrenceBug
{
    None,

    /// <summary>The characteristic polynomial is written xᵏ + c₁xᵏ⁻¹ + … + cₖ (the classic sign slip).</summary>
    CharacteristicSignFlipped,

    /// <summary>A forcing base that is also a characteristic root does not raise that root's multiplicity: the
    /// particular solution lacks its extra factor nᵐ (resonance ignored).</summary>
    ResonanceIgnored,
}
