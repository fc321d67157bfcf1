using StatelessMind.Labs.Relational.Management;

namespace StatelessMind.Labs.Relational.Tests.Management;

/// <summary>
/// A cluster's life through the scripts: pg-init.sh, pg-ctl.sh start/status/stop/restart, pg-health.sh up and
/// down - run by root (server programs then run as the postgres user) and by an unprivileged user.
/// </summary>
public sealed class ClusterLifecycleTests(ITestOutputHelper output)
{
    [Theory]
    [Goal("1.4-1")]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Init_start_stop_and_health_follow_the_server_state(bool asUnprivilegedUser)
    {
        // As root, "unprivileged" means the postgres OS user; a non-root test run is unprivileged either way.
        var runAs = asUnprivilegedUser && HostCommands.IsRoot ? "postgres" : null;
        await using var cluster = await ScriptedCluster.CreateAsync(new ScriptedClusterOptions { Name = "lifecycle", RunScriptsAs = runAs });
        var dataDir = cluster.DataDirectory;
        output.WriteLine($"scripts run as {runAs ?? Environment.UserName}; cluster {dataDir} on port {cluster.Port}");

        Assert.Equal(0, (await cluster.RunAsync("pg-ctl.sh", ["-D", dataDir, "status"])).ExitCode);
        var startAgain = await cluster.RunAsync("pg-ctl.sh", ["-D", dataDir, "start"]);
        Assert.Equal(0, startAgain.ExitCode);
        Assert.Contains("already running", startAgain.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, (await cluster.RunAsync("pg-health.sh", [])).ExitCode);
        if (HostCommands.IsRoot)
            Assert.Equal("postgres", (await HostCommands.RunAsync("stat", ["-c", "%U", dataDir])).StandardOutput.Trim());

        var stop = await cluster.RunAsync("pg-ctl.sh", ["-D", dataDir, "stop"]);
        Assert.Equal(0, stop.ExitCode);
        Assert.Equal(3, (await cluster.RunAsync("pg-ctl.sh", ["-D", dataDir, "status"])).ExitCode);
        var down = await cluster.RunAsync("pg-health.sh", ["-t", "2"]);
        Assert.Equal(1, down.ExitCode);
        Assert.Contains("does not answer", down.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("already stopped", (await cluster.RunAsync("pg-ctl.sh", ["-D", dataDir, "stop"])).StandardError, StringComparison.Ordinal);

        Assert.Equal(0, (await cluster.RunAsync("pg-ctl.sh", ["-D", dataDir, "restart"])).ExitCode);
        var up = await cluster.RunAsync("pg-health.sh", []);
        Assert.Equal(0, up.ExitCode);
        output.WriteLine(up.StandardOutput.Trim());
    }

    [Fact]
    [Goal("1.4-1")]
    public async Task Init_refuses_a_folder_that_holds_a_cluster_and_status_tells_a_folder_without_one()
    {
        await using var cluster = await ScriptedCluster.CreateAsync(new ScriptedClusterOptions { Name = "reinit" }, start: false);
        var control = await HostCommands.RunAsync(PostgresBinaries.Locate().Tool("pg_controldata"), [cluster.DataDirectory]);

        var again = await cluster.RunAsync("pg-init.sh", ["-D", cluster.DataDirectory, "-A", "trust"]);

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("not empty", again.StandardError, StringComparison.Ordinal);
        // The same cluster (its system identifier) is still there, untouched.
        Assert.Equal(control.StandardOutput, (await HostCommands.RunAsync(PostgresBinaries.Locate().Tool("pg_controldata"), [cluster.DataDirectory])).StandardOutput);

        var empty = Path.Combine(cluster.InstanceDirectory, "empty");
        Directory.CreateDirectory(empty);
        Assert.Equal(4, (await cluster.RunAsync("pg-ctl.sh", ["-D", empty, "status"])).ExitCode);
        Assert.Equal(1, (await cluster.RunAsync("pg-ctl.sh", ["-D", empty, "start"])).ExitCode);
    }
}
