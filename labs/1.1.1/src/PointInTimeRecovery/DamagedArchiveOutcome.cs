namespace StatelessMind.Labs.Reliability.PointInTimeRecovery;

/// <summary>A restore from a damaged archive copy: which segment was damaged, and what each line of defence reported —
/// the preflight check, and PostgreSQL's own recovery (with the preflight off), read back from its log.</summary>
public sealed record DamagedArchiveOutcome(string Damage, string Segment, WalArchiveException? Preflight, RecoveryFailedException? Server)
{
    public bool NamedByPreflight => Preflight?.Segment == Segment;
    public bool NamedByServer => Server?.Segment == Segment;
}
