namespace StatelessMind.Harness.Experiments;

/// <summary>
/// The measured demonstration of one goal. The runner discovers every public non-abstract
/// implementation with a parameterless constructor in the lab assemblies and runs it.
/// </summary>
public interface IExperiment
{
    /// <summary>The goal this experiment measures, e.g. <c>1.4-3</c>.</summary>
    string GoalId { get; }

    /// <summary>A short title for the report page.</summary>
    string Title { get; }

    Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken);
}
