namespace StatelessMind.Labs.Encoding.Evolution;

/// <summary>
/// What happened to one <see cref="PromotionCase"/>: the checker's verdict, what Apache.Avro did with the pair on its
/// own, and what the lab's reader (Apache.Avro after <see cref="WriterSchemaResolution.Adapt"/>) did.
/// </summary>
public sealed record PromotionOutcome(PromotionCase Case, bool Approved, string? CheckerSays, string LibraryAlone, bool LibraryAloneCorrect, string LabReader, bool LabReaderCorrect)
{
    /// <summary>The property the checker exists for: what it approves, the lab's reader reads as the specification says.</summary>
    public bool Holds => !Approved || LabReaderCorrect;
}
