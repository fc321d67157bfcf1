namespace StatelessMind.Labs.MlOps.Versioning;

/// <summary>A stage's entry in dvc.lock: the command and the exact versions of its inputs and outputs of its last run.</summary>
public sealed record StageLock(string Command, IReadOnlyList<LockedFile> Deps, IReadOnlyList<LockedFile> Outs);
