namespace StatelessMind.Labs.MlOps.Versioning;

/// <summary>Planted mistakes in the pipeline's up-to-date decision (tests only).</summary>
public enum PipelineBug
{
    None,

    /// <summary>Every stage runs on every reproduction, changed inputs or not.</summary>
    RerunUnchangedStages,

    /// <summary>A stage counts as up to date when dvc.lock lists the same dependency paths, whatever their content now.</summary>
    CompareDependencyPathsOnly,
}
