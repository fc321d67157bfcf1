using System.Diagnostics;
using System.Text.RegularExpressions;

namespace StatelessMind.Labs.Orchestration.Tests;

/// <summary>The Airflow DAG files compile as Python, and their task graphs (parsed from the source) are the ones the lab
/// describes. Airflow itself does not run here.</summary>
[Goal("2.3-1")]
public sealed partial class AirflowDagFileTests
{
    private static readonly string Dags = Path.Combine(AppContext.BaseDirectory, "dags");

    [Fact]
    public async Task The_dag_files_compile()
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-m", "py_compile", "pipeline_dag.py", "scheduled_dag.py", "dynamic_dags.py", "dbt_retail_dag.py" }) start.ArgumentList.Add(a);
        start.WorkingDirectory = Dags;
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
    }

    [Fact]
    public void The_pipeline_dag_has_the_csharp_dags_graph()
    {
        var source = File.ReadAllText(Path.Combine(Dags, "pipeline_dag.py"));
        var variables = TaskVariable().Matches(source).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var edges = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match m in Edge().Matches(source))
        {
            foreach (var up in m.Groups[1].Value.Trim('[', ']').Split(','))
            foreach (var down in m.Groups[2].Value.Trim('[', ']').Split(','))
                edges.Add($"{variables[up.Trim()]}>>{variables[down.Trim()]}");
        }
        var dag = DagExecutionExperiment.RetailDag("Host=unused");
        var expected = new SortedSet<string>(dag.Tasks.SelectMany(t => t.Downstream.Select(d => $"{t.TaskId}>>{d}")), StringComparer.Ordinal);
        Assert.Equal(expected, edges);
        Assert.Contains("trigger_rule=TriggerRule.ALL_DONE", source, StringComparison.Ordinal);
        Assert.Contains("trigger_rule=TriggerRule.ONE_FAILED", source, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s*(\w+)\s*=\s*BashOperator\(\s*task_id=""(\w+)""", RegexOptions.Multiline)]
    private static partial Regex TaskVariable();

    [GeneratedRegex(@"^\s*(\[[\w, ]+\]|\w+)\s*>>\s*(\[[\w, ]+\]|\w+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Edge();
}
