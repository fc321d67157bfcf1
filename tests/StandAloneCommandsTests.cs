using StatelessMind.Tests.Support;

namespace StatelessMind.Tests;

/// <summary>
/// `make test` and `make run` each work as the first command on a fresh machine: both begin with setup, which installs
/// only the Debian packages that are missing (and says so when it would need root), so either can come first.
/// </summary>
public sealed class StandAloneCommandsTests(ITestOutputHelper output) : IDisposable
{
    private static readonly RepositoryLayout Layout = RepositoryLayout.Locate();
    private readonly string _folder = TestRuns.TemporaryFolder("stand-alone");

    public void Dispose() => HostCommands.DeleteDirectory(_folder);

    /// <summary>What `make -n target` would run, one command per line.</summary>
    private static async Task<List<string>> DryRunAsync(string target)
    {
        var result = (await HostCommands.RunAsync("make", ["-n", "--no-print-directory", "-C", Layout.Root, target], timeout: TimeSpan.FromMinutes(1))).EnsureSuccess();
        return [.. result.StandardOutput.Split('\n')];
    }

    private static int IndexOf(List<string> lines, string text)
    {
        var i = lines.FindIndex(l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(i >= 0, $"'{text}' is not among the commands:\n{string.Join('\n', lines)}");
        return i;
    }

    [Fact]
    public async Task Make_test_installs_restores_and_builds_before_it_tests()
    {
        var lines = await DryRunAsync("test");
        var setup = IndexOf(lines, "infra/scripts/setup.sh");
        var restore = IndexOf(lines, "dotnet restore");
        var build = IndexOf(lines, "dotnet build");
        var test = IndexOf(lines, "dotnet test");
        Assert.True(setup < restore && restore < build && build < test, "setup, restore and build must come before the tests");
        Assert.Contains("--blame-hang-timeout 5m", lines[test] + lines[test + 1]);
        Assert.True(IndexOf(lines, "infra/scripts/test-summary.sh") > test, "the summary line comes last");
    }

    [Fact]
    public async Task Make_run_installs_restores_and_builds_before_it_runs()
    {
        var lines = await DryRunAsync("run");
        var setup = IndexOf(lines, "infra/scripts/setup.sh");
        var build = IndexOf(lines, "dotnet build");
        var run = IndexOf(lines, "-- run --scale full");
        Assert.True(setup < build && build < run, "setup and build must come before the run");
    }

    /// <summary>Runs setup.sh with fake dpkg-query, apt-get, sudo and id first on PATH; returns what it printed and what apt-get was asked.</summary>
    private async Task<(CommandResult Result, string AptCalls)> SetupWithFakesAsync(string installed, bool root = true, bool sudo = true, bool cargo = true, bool node = true)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_folder, Guid.NewGuid().ToString("N")[..6])).FullName;
        var log = Path.Combine(bin, "apt.log");
        void Script(string name, string body)
        {
            File.WriteAllText(Path.Combine(bin, name), "#!/bin/sh\n" + body + "\n");
            File.SetUnixFileMode(Path.Combine(bin, name), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        // dpkg-query -W -f='${Status}' PACKAGE: "install ok installed" for the packages listed in FAKE_INSTALLED.
        Script("dpkg-query", "for last; do :; done; for p in $FAKE_INSTALLED; do [ \"$p\" = \"$last\" ] && { printf 'install ok installed'; exit 0; }; done; exit 1");
        Script("apt-get", $"echo \"apt-get $*\" >> {log}");
        Script("id", root ? "echo 0" : "echo 1000");
        if (sudo) Script("sudo", $"echo sudo >> {log}; exec \"$@\"");
        // A cargo already on PATH (a rustup toolchain, say) is used as it is; without one, setup adds Debian's.
        if (cargo) Script("cargo", "exit 0");
        // Likewise a Node.js with its npm (NodeSource's, say): Debian's nodejs and npm only when there is none.
        if (node)
        {
            Script("node", "exit 0");
            Script("npm", "exit 0");
        }
        // PATH: the fakes, then a folder with only what the script needs besides them (no real sudo or apt-get).
        var tools = Directory.CreateDirectory(Path.Combine(bin, "tools")).FullName;
        foreach (var tool in new[] { "grep", "sh", "bash" })
            File.CreateSymbolicLink(Path.Combine(tools, tool), HostCommands.FindOnPath(tool)!);
        // Lab 1.6's data sets: a folder that holds them already, so the data step has nothing to fetch.
        var data = Directory.CreateDirectory(Path.Combine(bin, "sklearn-data")).FullName;
        File.WriteAllText(Path.Combine(data, "iris.csv"), "");
        var result = await HostCommands.RunAsync("/bin/bash", [Path.Combine(Layout.InfraDirectory, "scripts", "setup.sh")],
            environment: new Dictionary<string, string> { ["PATH"] = $"{bin}:{tools}", ["FAKE_INSTALLED"] = installed, ["SM_SKLEARN_DATA"] = data },
            timeout: TimeSpan.FromSeconds(30));
        output.WriteLine(result.StandardOutput + result.StandardError);
        return (result, File.Exists(log) ? await File.ReadAllTextAsync(log) : "");
    }

    private static string[] SetupPackages()
    {
        var script = File.ReadAllText(Path.Combine(Layout.InfraDirectory, "scripts", "setup.sh"));
        var list = script[(script.IndexOf("packages=(", StringComparison.Ordinal) + "packages=(".Length)..];
        list = list[..list.IndexOf("\n)", StringComparison.Ordinal)];
        return list.Split('\n').Select(l => l.Split('#')[0]).SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
    }

    [Fact]
    public async Task Setup_installs_nothing_when_every_package_is_there()
    {
        var (result, apt) = await SetupWithFakesAsync(string.Join(' ', SetupPackages()));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("all Debian packages present", result.StandardOutput);
        Assert.Equal("", apt);
    }

    [Fact]
    public async Task Setup_installs_debian_cargo_only_when_no_cargo_is_on_path()
    {
        var all = string.Join(' ', SetupPackages());
        var (without, aptWithout) = await SetupWithFakesAsync(all, cargo: false);
        Assert.Equal(0, without.ExitCode);
        var install = aptWithout.Split('\n').Single(l => l.Contains(" install ", StringComparison.Ordinal)).Split(' ');
        Assert.Equal("cargo", install[^1]);
        Assert.DoesNotContain("redis-server", install);

        var (with, aptWith) = await SetupWithFakesAsync(all, cargo: true);
        Assert.Equal(0, with.ExitCode);
        Assert.Equal("", aptWith);
    }

    [Fact]
    public async Task Setup_installs_debian_nodejs_and_npm_only_when_no_node_is_on_path()
    {
        var all = string.Join(' ', SetupPackages());
        var (without, aptWithout) = await SetupWithFakesAsync(all, node: false);
        Assert.Equal(0, without.ExitCode);
        var install = aptWithout.Split('\n').Single(l => l.Contains(" install ", StringComparison.Ordinal)).Split(' ');
        Assert.Equal(["nodejs", "npm"], install[^2..]);
        Assert.DoesNotContain("cargo", install);

        var (with, aptWith) = await SetupWithFakesAsync(all, node: true);
        Assert.Equal(0, with.ExitCode);
        Assert.Equal("", aptWith);
    }

    [Fact]
    public async Task Setup_installs_exactly_the_missing_packages_through_sudo_when_not_root()
    {
        var all = SetupPackages();
        Assert.Contains("redis-server", all);
        Assert.Contains("postgresql", all);
        var present = all.Where(p => p is not ("redis-server" or "shellcheck")).ToList();
        var (result, apt) = await SetupWithFakesAsync(string.Join(' ', present), root: false);
        Assert.Equal(0, result.ExitCode);
        var install = apt.Split('\n').Single(l => l.Contains(" install ", StringComparison.Ordinal)).Split(' ');
        Assert.Contains("redis-server", install);
        Assert.Contains("shellcheck", install);
        Assert.Empty(present.Intersect(install));
        Assert.StartsWith("sudo", apt);
    }

    [Fact]
    public async Task Setup_without_root_or_sudo_says_what_it_needs()
    {
        var (result, apt) = await SetupWithFakesAsync("", root: false, sudo: false);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("needs root: run as root, or install sudo", result.StandardError);
        Assert.Equal("", apt);
    }

    [Fact]
    public async Task The_summary_line_counts_skipped_tests_failures_and_every_kind_of_result_file_and_names_each_failure()
    {
        var results = Directory.CreateDirectory(Path.Combine(_folder, "results")).FullName;
        // xUnit writes a skipped test into total but not into executed; its TRX notExecuted stays 0.
        await File.WriteAllTextAsync(Path.Combine(results, "a.trx"),
            "<TestRun><Results>\n" +
            "<UnitTestResult testName=\"Lab.Tests.Passes\" outcome=\"Passed\" />\n" +
            "<UnitTestResult testName=\"Lab.Tests.Breaks(n: 3)\" duration=\"00:00:01\" outcome=\"Failed\">\n</UnitTestResult>\n" +
            "</Results><ResultSummary outcome=\"Completed\"><Counters total=\"5\" executed=\"4\" passed=\"3\" failed=\"1\" error=\"0\" timeout=\"0\" aborted=\"0\" inconclusive=\"0\" notExecuted=\"0\" /></ResultSummary></TestRun>");
        await File.WriteAllTextAsync(Path.Combine(results, "ctest-c.xml"),
            "<testsuite name=\"c\" tests=\"4\" failures=\"1\" skipped=\"1\" disabled=\"0\">\n" +
            "<testcase name=\"btree_fuzz\" classname=\"btree_fuzz\" time=\"1\" status=\"fail\">\n</testcase>\n<testcase name=\"arena\" status=\"run\"/>\n</testsuite>");
        await File.WriteAllTextAsync(Path.Combine(results, "cargo-rust.txt"),
            "test tests::merges ... ok\ntest result: ok. 6 passed; 0 failed; 2 ignored; 0 measured; 0 filtered out\n");
        var result = (await HostCommands.RunAsync("/bin/bash", [Path.Combine(Layout.InfraDirectory, "scripts", "test-summary.sh"), results],
            timeout: TimeSpan.FromSeconds(30))).EnsureSuccess();
        Assert.Equal(
            ["failed: Lab.Tests.Breaks(n: 3) (a.trx)", "failed: btree_fuzz (ctest-c.xml)", "tests: 11 passed, 2 failed, 4 skipped"],
            result.StandardOutput.Trim().Split('\n'));
    }
}
