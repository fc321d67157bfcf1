using StatelessMind.Labs.Lifecycle.Lake.Data;

namespace StatelessMind.Labs.Lifecycle.Lake.Pipeline;

/// <summary>What one run of lake → lakehouse → warehouse did and found at each hop.</summary>
public sealed record PipelineResult(
    string Store,
    DatasetDigest Source,
    IReadOnlyList<HopCheck> Hops,
    int LakeFiles,
    IReadOnlyList<VersionFiles> Versions,
    long CompactionVersion,
    long CheckpointVersion,
    int CommitFilesReadWithoutCheckpoint,
    int CommitFilesReadFromCheckpoint,
    int VacuumDeleted,
    int VacuumKept,
    long WarehouseRowsPerDayMismatches)
{
    public bool EveryHopMatches => Hops.All(h => h.MatchesSource);
}
