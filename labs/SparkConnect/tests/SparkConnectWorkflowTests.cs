using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace StatelessMind.SparkConnect.Tests;

/// <summary>
/// The route to a real Spark cluster cannot run here (no Docker engine): these tests check that its two files say what the
/// READMEs say — docker-compose.yml's Spark Connect service on 15002, and the CI job that starts it and runs every lab's
/// *OnSpark* tests with SPARK_REMOTE=sc://localhost:15002.
/// </summary>
public sealed partial class SparkConnectWorkflowTests
{
    private static readonly string Root = RepositoryLayout.Locate().Root;

    private static YamlMappingNode Load(string relativePath)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root, relativePath));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] path)
    {
        foreach (var key in path)
            node = ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var child) ? child
                : throw new Xunit.Sdk.XunitException($"'{key}' is missing (path {string.Join('.', path)})");
        return node;
    }

    private static IEnumerable<string> Strings(YamlNode node) => ((YamlSequenceNode)node).Children.Select(n => ((YamlScalarNode)n).Value ?? "");

    [Fact]
    public void The_ci_job_starts_spark_connect_and_points_the_tests_at_it()
    {
        var job = At(Load(".github/workflows/spark-connect.yml"), "jobs", "spark-connect");
        Assert.StartsWith("ubuntu", ((YamlScalarNode)At(job, "runs-on")).Value, StringComparison.Ordinal);
        Assert.Equal("sc://localhost:15002", ((YamlScalarNode)At(job, "env", "SPARK_REMOTE")).Value);
        var runs = ((YamlSequenceNode)At(job, "steps")).Children.OfType<YamlMappingNode>()
            .Select(s => s.Children.TryGetValue(new YamlScalarNode("run"), out var run) ? ((YamlScalarNode)run).Value ?? "" : "").ToList();
        var up = runs.FindIndex(r => r.StartsWith("docker compose up", StringComparison.Ordinal));
        Assert.True(up >= 0, "no step starts the compose services");
        Assert.Contains("--wait", runs[up], StringComparison.Ordinal);
        Assert.EndsWith(" spark-connect", runs[up], StringComparison.Ordinal);
        Assert.Contains(runs, r => r.StartsWith("docker compose down", StringComparison.Ordinal));

        foreach (var lab in new[] { "labs/SparkConnect", "labs/1.1.2", "labs/4.1", "labs/4.3" })
        {
            var test = runs.FindIndex(r => r.StartsWith($"dotnet test {lab} ", StringComparison.Ordinal));
            Assert.True(test > up, $"no step after the services start runs the tests of {lab}");
            Assert.Contains("--filter \"FullyQualifiedName~OnSpark\"", runs[test], StringComparison.Ordinal);
            // The filter must select something: a filter that matches no test passes silently.
            var classes = Directory.EnumerateFiles(Path.Combine(Root, lab, "tests"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Count(f => OnSparkClass().IsMatch(File.ReadAllText(f)));
            Assert.True(classes > 0, $"{lab}/tests has no class named *OnSpark*, so the CI step would run nothing");
        }
    }

    [Fact]
    public void The_compose_spark_connect_service_listens_on_15002_with_the_images_spark_version()
    {
        var services = At(Load("docker-compose.yml"), "services");
        var connect = At(services, "spark-connect");
        var image = ((YamlScalarNode)At(connect, "image")).Value!;
        var tag = ImageTag().Match(image);
        Assert.True(tag.Success, $"the image '{image}' has no apache/spark:<version>-scala<version> tag");
        var command = Strings(At(connect, "command")).ToList();
        Assert.EndsWith("/start-connect-server.sh", command[0], StringComparison.Ordinal);
        Assert.Contains($"org.apache.spark:spark-connect_{tag.Groups["scala"].Value}:{tag.Groups["spark"].Value}", command);
        Assert.Contains("spark.connect.grpc.binding.port=15002", command);
        Assert.Contains("127.0.0.1:15002:15002", Strings(At(connect, "ports")).Select(p => p.Split('#')[0].Trim()));
        Assert.NotNull(At(connect, "healthcheck", "test"));
        foreach (var other in new[] { "spark-master", "spark-worker" })
            Assert.Equal(image, ((YamlScalarNode)At(services, other, "image")).Value);
    }

    [GeneratedRegex(@"class\s+\w*OnSpark\w*")]
    private static partial Regex OnSparkClass();

    [GeneratedRegex(@"^apache/spark:(?<spark>\d+\.\d+\.\d+)-scala(?<scala>\d+\.\d+)")]
    private static partial Regex ImageTag();
}
