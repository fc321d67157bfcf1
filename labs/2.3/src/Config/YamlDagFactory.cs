using StatelessMind.Labs.Orchestration.Dags;
using StatelessMind.Labs.Orchestration.Operators;
using YamlDotNet.RepresentationModel;

namespace StatelessMind.Labs.Orchestration.Config;

/// <summary>
/// Dynamic DAGs: one DAG per YAML file (dag_id, schedule, start_date, catchup, max_active_runs, tasks with bash or sql,
/// upstream, trigger_rule, retries, expand_from). The same files feed ../dags/dynamic_dags.py in Airflow.
/// </summary>
public sealed class YamlDagFactory(string? sqlConnectionString = null)
{
    public IReadOnlyList<Dag> LoadDirectory(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal).Select(LoadFile)];

    public Dag LoadFile(string path)
    {
        try
        {
            return Load(File.ReadAllText(path), Path.GetFileName(path));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new DagDefinitionException($"{path}, line {e.Start.Line}: {e.Message}");
        }
    }

    public Dag Load(string yaml, string source)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new DagDefinitionException($"{source}: expected a mapping with dag_id and tasks.");
        Dag dag;
        #region Exercise 2.3-3c: build the DAG a config describes: its options, one task per entry with its operator and options, then the upstream edges (tests: YamlDagTests)
        string? Text(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value : null;
        var dagId = Text(root, "dag_id") ?? throw new DagDefinitionException($"{source}: dag_id is missing.");
        dag = new Dag(dagId, new DagOptions
        {
            Schedule = Text(root, "schedule"),
            StartDate = Text(root, "start_date") is { } start ? DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal) : new DagOptions().StartDate,
            Catchup = Text(root, "catchup") is not { } c || bool.Parse(c),
            MaxActiveRuns = Text(root, "max_active_runs") is { } m ? int.Parse(m, System.Globalization.CultureInfo.InvariantCulture) : 16,
            Description = Text(root, "description") ?? "",
        });
        if (!root.Children.TryGetValue(new YamlScalarNode("tasks"), out var tasksNode) || tasksNode is not YamlSequenceNode tasks)
            throw new DagDefinitionException($"{source}: tasks must be a list.");
        var edges = new List<(string Up, string Down)>();
        foreach (var node in tasks.Children.OfType<YamlMappingNode>())
        {
            var id = Text(node, "task_id") ?? throw new DagDefinitionException($"{source}, line {node.Start.Line}: a task needs a task_id.");
            IOperator op = (Text(node, "bash"), Text(node, "sql")) switch
            {
                ({ } bash, null) => new BashOperator(bash),
                (null, { } sql) => new SqlOperator(sqlConnectionString ?? throw new DagDefinitionException($"{source}: task '{id}' runs SQL but no connection string was given."), sql),
                _ => throw new DagDefinitionException($"{source}, line {node.Start.Line}: task '{id}' needs exactly one of bash or sql."),
            };
            dag.Task(id, op, new TaskOptions
            {
                Retries = Text(node, "retries") is { } r ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture) : 0,
                TriggerRule = Text(node, "trigger_rule") is { } rule ? Enum.Parse<TriggerRule>(rule.Replace("_", ""), ignoreCase: true) : TriggerRule.AllSuccess,
                ExpandFrom = Text(node, "expand_from"),
            });
            if (node.Children.TryGetValue(new YamlScalarNode("upstream"), out var up) && up is YamlSequenceNode ups)
                edges.AddRange(ups.Children.OfType<YamlScalarNode>().Select(u => (u.Value!, id)));
        }
        foreach (var (u, d) in edges) dag[u].SetDownstream(dag[d]);
        #endregion
        dag.TopologicalOrder();
        return dag;
    }
}
