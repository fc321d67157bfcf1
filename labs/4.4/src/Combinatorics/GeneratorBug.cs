namespace StatelessMind.Labs.DiscreteMath.Combinatorics;

/// <summary>Deliberate generator mistakes (tests only): the count and distinctness checks must catch each.</summary>
public enum GeneratorBug
{
    None,

    /// <summary>Every tuple is yielded in one shared buffer that the generator then overwrites: whoever keeps the tuples
    /// (ToList) sees the last one many times. The count is still right.</summary>
    SharedBuffer,

    /// <summary>The generator stops before yielding its last tuple (an off-by-one in the termination test).</summary>
    StopsOneEarly,
}
