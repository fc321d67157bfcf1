namespace StatelessMind.Tests.Support;

// Experiments for the runner's own tests: each ends one way (passes, fails a check, misses a service, throws,
// excuses an optional part), so that the runner's exit code, index and pages can be checked against a known outcome.
// The runner sees them through ExperimentCatalog.Of, a catalog of only these types, so the goal ids they claim never
// meet a real lab's experiment.

/// <summary>Two checks, both hold.</summary>
public sealed class PassingExperiment : IExperiment
{
    public const string Goal = "1.5-1";
    public string GoalId => Goal;
    public string Title => "passes";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new FindingBuilder(GoalId, Title)
            .Figure("answer", 42, "", key: true)
            .Check(true, "the answer is 42")
            .Check(true, "the question is known")
            .Build("One question asked and answered"));
}

/// <summary>Three checks, the second fails.</summary>
public sealed class FailingCheckExperiment : IExperiment
{
    public const string Goal = "1.5-2";
    public const string FailingCheck = "stale reads stay below 1 % (measured 12.5 %)";
    public string GoalId => Goal;
    public string Title => "fails one check";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new FindingBuilder(GoalId, Title)
            .Figure("stale reads", 12.5, "%", key: true, target: "< 1 %")
            .Check(true, "no acknowledged write is lost")
            .Check(false, FailingCheck)
            .Check(true, "every replica converges")
            .Build("1,000 reads from three replicas"));
}

/// <summary>Needs a service that is not there (the harness throws <see cref="ServiceUnavailableException"/>).</summary>
public sealed class MissingServiceExperiment : IExperiment
{
    public const string Goal = "1.5-3";
    public string GoalId => Goal;
    public string Title => "needs a missing service";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken) =>
        throw new ServiceUnavailableException("frobnicate-server was not found. Install the Debian package 'frobnicate'.");
}

/// <summary>Records a required part as unmeasured (a tool it needs is missing).</summary>
public sealed class UnmeasuredPartExperiment : IExperiment
{
    public const string Goal = "1.5-4";
    public string GoalId => Goal;
    public string Title => "cannot measure a required part";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new FindingBuilder(GoalId, Title)
            .Check(true, "the part that ran held")
            .Unmeasured("the comparison with cachegrind", "valgrind is not installed (apt install valgrind)")
            .Build("Half of the comparison"));
}

/// <summary>Throws before any check.</summary>
public sealed class ThrowingExperiment : IExperiment
{
    public const string Goal = "1.6-1";
    public string GoalId => Goal;
    public string Title => "throws";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the workload generator ran out of keys");
}

/// <summary>Passes its checks; an optional part (declared so by its lab) could not run here.</summary>
public sealed class ExcusedPartExperiment : IExperiment
{
    public const string Goal = "1.6-2";
    public string GoalId => Goal;
    public string Title => "excuses an optional part";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new FindingBuilder(GoalId, Title)
            .Check(true, "the Redis workload loses no acknowledged write under WAIT")
            .Excused("the MongoDB workload", "MONGODB_URI is not set")
            .Build("The Redis workload"));
}
