namespace StatelessMind.Tests;

/// <summary>The embedded Prometheus (labs/Harness/Services/PrometheusServer.cs): it starts, scrapes, evaluates rules,
/// reloads a rewritten configuration, refuses bad input with Prometheus' own error, and is gone after dispose.</summary>
public sealed class PrometheusServerTests(PrometheusFixture prometheus) : IClassFixture<PrometheusFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task It_scrapes_itself_and_answers_queries_through_the_http_api()
    {
        var up = await Eventually.ValueAsync(() => prometheus.Server.QueryAsync("up{job=\"prometheus\"}"),
            samples => samples.Count == 1, Deadline, "Prometheus' first scrape of itself");
        Assert.Equal(1.0, up[0].Value);
        Assert.Equal("prometheus", up[0].Labels["job"]);
        var scalar = await prometheus.Server.QueryAsync("scalar(vector(2) * 21)");
        Assert.Equal(42.0, Assert.Single(scalar).Value);
    }

    [Fact]
    public async Task An_alerting_rule_added_by_reload_fires_when_its_condition_holds()
    {
        const string rules = """
            groups:
              - name: harness
                rules:
                  - alert: AlwaysTrue
                    expr: vector(1) > 0
                    labels: { severity: test }
                  - alert: NeverTrue
                    expr: vector(1) > 2
            """;
        await prometheus.Server.ConfigureAsync(new PrometheusServerOptions { RuleFiles = new Dictionary<string, string> { ["harness.yml"] = rules } });
        var alerts = await Eventually.ValueAsync(() => prometheus.Server.AlertsAsync(),
            a => a.Any(x => x is { Name: "AlwaysTrue", IsFiring: true }), Deadline, "AlwaysTrue to fire");
        Assert.DoesNotContain(alerts, a => a.Name == "NeverTrue");
        Assert.Equal("test", alerts.Single(a => a.Name == "AlwaysTrue").Labels["severity"]);
    }

    [Fact]
    public async Task A_bad_query_and_a_bad_rule_file_are_refused_with_prometheus_own_error()
    {
        var query = await Assert.ThrowsAsync<PrometheusApiException>(() => prometheus.Server.QueryAsync("sum(("));
        Assert.Contains("bad_data", query.Message);
        var reload = await Assert.ThrowsAsync<PrometheusApiException>(() => prometheus.Server.ConfigureAsync(new PrometheusServerOptions
        {
            RuleFiles = new Dictionary<string, string> { ["broken.yml"] = "groups:\n  - name: x\n    rules:\n      - alert: Bad\n        expr: sum((\n" },
        }));
        Assert.Contains("/-/reload", reload.Message);
        // The old configuration stays in force: the server still answers.
        Assert.Single(await prometheus.Server.QueryAsync("vector(1)"));
    }

    [Fact]
    public void The_generated_configuration_names_every_target_and_rule_file()
    {
        var text = PrometheusServer.ConfigurationText(9090, new PrometheusServerOptions
        {
            ScrapeInterval = TimeSpan.FromMilliseconds(500),
            Targets = [new PrometheusScrapeTarget("model", "127.0.0.1:5000"), new PrometheusScrapeTarget("model", "127.0.0.1:5001")],
        }, ["/tmp/x/rules.yml"]);
        Assert.Contains("scrape_interval: 500ms", text);
        Assert.Contains("evaluation_interval: 1s", text);
        Assert.Contains("- \"/tmp/x/rules.yml\"", text);
        Assert.Contains("targets: [\"127.0.0.1:5000\", \"127.0.0.1:5001\"]", text);
        Assert.Contains("targets: [\"127.0.0.1:9090\"]", text);
    }

    [Fact]
    public async Task An_embedded_prometheus_is_gone_after_dispose()
    {
        var server = await PrometheusServer.StartAsync();
        var pid = server.Pid;
        await server.DisposeAsync();
        Assert.NotNull(pid);
        Assert.False(HostCommands.IsAlive(pid!.Value));
    }

    [Fact]
    public async Task A_missing_prometheus_binary_fails_at_once_naming_the_package_and_the_variable()
    {
        var e = await Assert.ThrowsAsync<ServiceUnavailableException>(() => PrometheusServer.StartAsync(serverProgram: "/nonexistent/prometheus"));
        Assert.Contains("'prometheus'", e.Message);
        Assert.Contains("PROMETHEUS_URL", e.Message);
    }
}
