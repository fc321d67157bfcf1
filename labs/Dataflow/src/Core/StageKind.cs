namespace StatelessMind.Dataflow;

/// <summary>A shuffle-map stage writes partitioned output for the next stage; a result stage computes an action's answer.</summary>
public enum StageKind
{
    ShuffleMap,
    Result,
}
