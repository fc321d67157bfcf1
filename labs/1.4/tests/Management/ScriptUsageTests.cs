using StatelessMind.Labs.Relational.Management;

namespace StatelessMind.Labs.Relational.Tests.Management;

/// <summary>Bad arguments stop a script before it touches anything: exit 2, the reason and the usage on stderr. And shellcheck finds nothing.</summary>
public sealed class ScriptUsageTests(ITestOutputHelper output)
{
    [Theory]
    [Goal("1.4-1")]
    [InlineData("pg-init.sh", "", "-D DATADIR is required")]
    [InlineData("pg-init.sh", "-D /nonexistent/x -p 99999", "port '99999'")]
    [InlineData("pg-init.sh", "-D /nonexistent/x -A md5", "-A must be")]
    [InlineData("pg-init.sh", "-D /nonexistent/x", "needs the superuser's password in PGPASSWORD")]
    [InlineData("pg-init.sh", "-D /nonexistent/x -A trust -c work_mem", "is not NAME=VALUE")]
    [InlineData("pg-ctl.sh", "-D /nonexistent/x", "expected one action")]
    [InlineData("pg-ctl.sh", "-D /nonexistent/x reboot", "unknown action 'reboot'")]
    [InlineData("pg-ctl.sh", "start", "-D DATADIR is required")]
    [InlineData("pg-ctl.sh", "-D /nonexistent/x -m brutal stop", "-m must be")]
    [InlineData("pg-ctl.sh", "-D /nonexistent/x -t soon stop", "timeout 'soon'")]
    [InlineData("pg-create-app.sh", "-d shop", "-r ROLE is required")]
    [InlineData("pg-create-app.sh", "-d Shop;DROP -r x", "is not a plain identifier")]
    [InlineData("pg-create-app.sh", "-d shop -r shop_owner", "must differ")]
    [InlineData("pg-create-app.sh", "-d shop -r app -l none", "connection limit")]
    [InlineData("pg-config.sh", "", "expected an action")]
    [InlineData("pg-config.sh", "set work_mem", "set takes two arguments")]
    [InlineData("pg-config.sh", "explode work_mem", "unknown action 'explode'")]
    [InlineData("pg-config.sh", "get work-mem", "is not a setting name")]
    [InlineData("pg-backup.sh", "-d shop", "-o FILE is required")]
    [InlineData("pg-backup.sh", "-d shop -o x.dump -Z 12", "-Z must be")]
    [InlineData("pg-backup.sh", "-d shop -o x.dump -T 0", "timeout '0'")]
    [InlineData("pg-restore.sh", "-d shop -i x.dump -T soon", "timeout 'soon'")]
    [InlineData("pg-restore.sh", "-d shop", "-i FILE is required")]
    [InlineData("pg-restore.sh", "-d bad-name -i x.dump", "is not a plain identifier")]
    [InlineData("pg-health.sh", "-t 0", "timeout '0'")]
    [InlineData("pg-health.sh", "-x", "unknown option -x")]
    [InlineData("pg-health.sh", "extra", "unexpected argument 'extra'")]
    public async Task Bad_arguments_give_a_usage_error(string script, string args, string reason)
    {
        // No server is involved: the scripts must refuse before connecting. PGPASSWORD is cleared for the pg-init case.
        var result = await PostgresScripts.RunAsync(script, args.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            new Dictionary<string, string> { ["PGPASSWORD"] = "", ["PGPORT"] = "1" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(reason, result.StandardError, StringComparison.Ordinal);
        Assert.Contains($"usage: {script}", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    [Goal("1.4-1")]
    public async Task Shellcheck_finds_nothing_in_the_scripts()
    {
        if (HostCommands.FindOnPath("shellcheck") is null)
            throw new ServiceUnavailableException("shellcheck is not installed: run `make setup` (Debian package 'shellcheck').");
        var scripts = Directory.GetFiles(PostgresScripts.Folder, "*.sh").Order(StringComparer.Ordinal).ToList();
        Assert.Contains(scripts, s => s.EndsWith("lib.sh", StringComparison.Ordinal));
        Assert.Equal(PostgresScripts.All.Count + 1, scripts.Count); // every script, and the library they source

        // -x follows `source lib.sh`; the default severity (style) reports everything shellcheck knows.
        var result = await HostCommands.RunAsync("shellcheck", ["-x", "--severity=style", .. scripts]);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        output.WriteLine($"shellcheck: {scripts.Count} files clean ({string.Join(", ", scripts.Select(Path.GetFileName))})");
    }
}
