namespace StatelessMind.Labs.Orchestration.Execution;

/// <summary>One task of one run; <see cref="MapIndex"/> is -1 for an unmapped task, else the element index.</summary>
public sealed record TaskInstanceKey(string DagId, string RunId, string TaskId, int MapIndex = -1)
{
    public override string ToString() => MapIndex < 0 ? $"{DagId}/{RunId}/{TaskId}" : $"{DagId}/{RunId}/{TaskId}[{MapIndex}]";
}
