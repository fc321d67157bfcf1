namespace StatelessMind.Labs.MlOps.Versioning;

/// <summary>
/// One stage of a <c>dvc.yaml</c> pipeline: a command, the files it reads (<c>deps</c>) and the files it writes
/// (<c>outs</c>), all relative to the workspace. <paramref name="Run"/> is the command itself, run in-process with the
/// workspace's path; <paramref name="Command"/> is how dvc.yaml and dvc.lock name it.
/// </summary>
public sealed record PipelineStage(string Name, string Command, IReadOnlyList<string> Deps, IReadOnlyList<string> Outs, Action<string> Run);
