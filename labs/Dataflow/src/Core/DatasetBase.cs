using StatelessMind.Dataflow.Shuffle;

namespace StatelessMind.Dataflow;

/// <summary>What the scheduler needs of any dataset: its partitions and its dependencies, narrow (a partition needs
/// one partition of the parent, computed in the same task) or wide (a shuffle that must have run first).</summary>
public abstract class DatasetBase
{
    private protected DatasetBase(DataflowContext context, int numPartitions, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (numPartitions < 1) throw new ArgumentOutOfRangeException(nameof(numPartitions), numPartitions, "A dataset needs at least one partition.");
        Context = context;
        NumPartitions = numPartitions;
        Name = name;
    }

    public DataflowContext Context { get; }
    public int NumPartitions { get; }
    public string Name { get; }

    internal virtual IEnumerable<DatasetBase> NarrowParents => [];
    internal virtual IEnumerable<ShuffleStage> ShuffleParents => [];
}
