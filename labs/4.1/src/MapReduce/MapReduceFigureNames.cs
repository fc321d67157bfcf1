namespace StatelessMind.Labs.DatabaseTheory.MapReduce;

/// <summary>The names of the 4.1-1 experiment's key figures (the README's figures block shows them).</summary>
public static class MapReduceFigureNames
{
    public const string ProseWords = "words counted in the fortunes";
    public const string CombineReduction = "shuffle records without / with combine";
    public const string ShuffleBytesPerRecord = "shuffle bytes per record (combined)";
    public const string Speedup = "throughput at the core count / 1 partition";
    public const string SpillVersusSequential = "spill write speed / sequential write speed";
    public const string CrashReexecutions = "tasks re-executed in the crash run";
    public const string LayerOverPlinq = "word count time, layer / hand-written PLINQ";
    public const string PipelineOverLayer = "word count time, Unix pipeline / layer";
    public const string ProcessJobSeconds = "word count with 3 worker processes";
}
