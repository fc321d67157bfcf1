namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>The ways the Avro specification's resolution rules can fail for a reader/writer pair.</summary>
public enum IncompatibilityKind
{
    /// <summary>The types differ and no promotion (int→long/float/double, long→float/double, float→double, string↔bytes) applies.</summary>
    TypeMismatch,
    /// <summary>Two named types (record, enum, fixed) have different names and the reader has no alias for the writer's.</summary>
    NameMismatch,
    /// <summary>A reader field is absent from the writer and has no default.</summary>
    MissingDefault,
    /// <summary>The writer's enum has symbols the reader lacks, and the reader's enum has no default.</summary>
    MissingEnumSymbols,
    /// <summary>A branch the writer may write matches no branch of the reader's union.</summary>
    MissingUnionBranch,
    /// <summary>Two fixed types have different sizes.</summary>
    FixedSizeMismatch,
    /// <summary>Two decimals differ in precision or scale (the specification requires both to match).</summary>
    DecimalMismatch,
}
