namespace StatelessMind.Labs.Transformation.Ci;

/// <summary>Mistakes planted in a copy of the dbt workflow (tests only): the audit must catch each one.</summary>
public enum WorkflowBug
{
    None,

    /// <summary>The workflow runs on pushes to main only: a pull request is never checked.</summary>
    NoPullRequestTrigger,

    /// <summary><c>dbt build || true</c>: a failing test no longer fails the job.</summary>
    BuildFailureSwallowed,

    /// <summary>The dbt job has no PostgreSQL service container.</summary>
    NoPostgresService,
}
