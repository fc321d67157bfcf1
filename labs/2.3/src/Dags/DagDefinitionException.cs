namespace StatelessMind.Labs.Orchestration.Dags;

/// <summary>A DAG that cannot be built as written: a duplicate or unknown task id, a bad schedule, a bad option.</summary>
public sealed class DagDefinitionException(string message) : Exception(message);
