using StatelessMind.Harness.Experiments;
using StatelessMind.Harness.Services;
using Xunit.Abstractions;

namespace StatelessMind.Harness;

/// <summary>
/// How a lab's tests run one of its experiments: at the tests' small scale, with services of its own that are disposed
/// afterwards, and with what it found (summary, figures, tables, notes) written to the test's output, so that a failing
/// verdict can be read in the test log.
/// </summary>
public static class ExperimentRun
{
    public static async Task<Finding> AtSmallScaleAsync(IExperiment experiment, ITestOutputHelper output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(output);
        await using var services = new ExperimentServices();
        var finding = await experiment.RunAsync(ExperimentContext.ForTest(services, experiment.GoalId), cancellationToken);
        output.WriteLine(finding.Summary);
        foreach (var figure in finding.Figures) output.WriteLine($"{figure.Name}: {figure.Formatted}");
        foreach (var table in finding.Tables)
        {
            output.WriteLine(table.Title);
            foreach (var row in table.Rows) output.WriteLine(string.Join(" | ", row));
        }
        foreach (var note in finding.Notes) output.WriteLine(note);
        return finding;
    }
}
