namespace StatelessMind.Labs.Transformation.Macros;

/// <summary>A mistake planted in a copy of the project's macros (tests only): the experiment's checks must catch it.</summary>
public enum MacroBug
{
    None,
    /// <summary>surrogate_key concatenates without a separator: (1, 12) and (11, 2) hash alike.</summary>
    SurrogateKeyWithoutSeparator,
    /// <summary>cents_to_currency divides by 10 instead of 100.</summary>
    CentsOffByTen,
}
