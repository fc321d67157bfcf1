namespace StatelessMind.Labs.Transformation.Execution;

/// <summary>What happened to a node: built, failed to build, a test that passed or found failing rows, or skipped after an upstream error.</summary>
public enum NodeStatus { Success, Error, Pass, Fail, Skipped }
