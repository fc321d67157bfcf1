namespace StatelessMind.Dataflow.MapReduce;

public enum MapReduceTaskKind
{
    Map,
    Reduce,
}
