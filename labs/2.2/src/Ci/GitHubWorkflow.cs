using YamlDotNet.RepresentationModel;

namespace StatelessMind.Labs.Transformation.Ci;

/// <summary>
/// A GitHub Actions workflow file read with YamlDotNet: the events that trigger it (with whether a filter narrows
/// <c>pull_request</c>) and its jobs. GitHub Actions cannot run here, so this is how the lab keeps its workflow honest.
/// </summary>
public sealed record GitHubWorkflow(string Name, IReadOnlyList<string> Triggers, bool PullRequestFiltered, IReadOnlyList<WorkflowJob> Jobs)
{
    public static GitHubWorkflow Parse(string yaml)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml)) stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var triggers = new List<string>();
        var filtered = false;
        switch (Child(root, "on"))
        {
            case YamlScalarNode s: triggers.Add(s.Value ?? ""); break;
            case YamlSequenceNode seq: triggers.AddRange(seq.Children.Select(Text)); break;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    triggers.Add(Text(key));
                    if (Text(key) == "pull_request" && value is YamlMappingNode { Children.Count: > 0 }) filtered = true;
                }
                break;
        }
        var jobs = new List<WorkflowJob>();
        if (Child(root, "jobs") is YamlMappingNode jobMap)
            foreach (var (key, value) in jobMap.Children)
            {
                var job = (YamlMappingNode)value;
                var services = new List<WorkflowService>();
                if (Child(job, "services") is YamlMappingNode serviceMap)
                    foreach (var (name, service) in serviceMap.Children)
                    {
                        var s = (YamlMappingNode)service;
                        services.Add(new WorkflowService(Text(name), TextOf(s, "image") ?? "",
                            Child(s, "ports") is YamlSequenceNode ports ? ports.Children.Select(Text).ToList() : [], TextOf(s, "options") ?? ""));
                    }
                var env = Child(job, "env") is YamlMappingNode envMap
                    ? envMap.Children.ToDictionary(kv => Text(kv.Key), kv => Text(kv.Value), StringComparer.Ordinal)
                    : new Dictionary<string, string>(StringComparer.Ordinal);
                var steps = Child(job, "steps") is YamlSequenceNode stepSeq
                    ? stepSeq.Children.OfType<YamlMappingNode>().Select(s => new WorkflowStep(TextOf(s, "name"), TextOf(s, "uses"), TextOf(s, "run"), TextOf(s, "continue-on-error") == "true")).ToList()
                    : [];
                jobs.Add(new WorkflowJob(Text(key), TextOf(job, "runs-on"), services, env, steps, TextOf(job, "continue-on-error") == "true"));
            }
        return new GitHubWorkflow(TextOf(root, "name") ?? "", triggers, filtered, jobs);
    }

    private static YamlNode? Child(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static string? TextOf(YamlMappingNode map, string key) => Child(map, key) is YamlScalarNode s ? s.Value : null;

    private static string Text(YamlNode node) => node is YamlScalarNode s ? s.Value ?? "" : node.ToString();
}
