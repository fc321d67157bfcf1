using StatelessMind.Harness.Services;
using StatelessMind.Runner.Exercises;

namespace StatelessMind.Tests.Exercises;

/// <summary>The stubs of each language: their exact text, the line map back to the solution, and — compiled with the
/// real gcc, rustc and bash with warnings as errors — that they build and fail when run.</summary>
public sealed class SkeletonWriterTests(ITestOutputHelper output) : IDisposable
{
    private readonly List<string> _folders = [];

    public void Dispose()
    {
        foreach (var folder in _folders) HostCommands.DeleteDirectory(folder);
    }

    private static RewrittenFile Rewrite(string file, string text)
    {
        var parsed = RegionParser.Parse(file, text);
        Assert.Empty(parsed.Problems);
        return SkeletonWriter.Rewrite(text, parsed.Regions);
    }

    [Fact]
    public void A_csharp_region_becomes_its_header_as_a_comment_and_a_throw()
    {
        var text = string.Join('\n',
            "namespace N;",
            "public static class C",
            "{",
            "    public static int F(int x)",
            "    {",
            "        #region Exercise 1.4-2a: say \"hi\" \\ twice (tests: CTests)",
            "        return x * 2;",
            "        #endregion",
            "    }",
            "}") + "\n";
        var rewritten = Rewrite("C.cs", text);
        var lines = RegionParser.SplitLines(rewritten.Text);
        Assert.Equal(SkeletonWriter.CSharpPrelude, lines[0]);
        Assert.Equal("        // Exercise 1.4-2a: say \"hi\" \\ twice (tests: CTests)", lines[6]);
        Assert.Equal("        throw new NotImplementedException(\"Exercise 1.4-2a: say \\\"hi\\\" \\\\ twice\");", lines[7]);
        Assert.Equal("    }", lines[8]);
        Assert.Equal(10, lines.Count);
        Assert.EndsWith("\n", rewritten.Text);
        // Line map: the prelude is new, the stub comes from the region's first line, the rest keeps its numbers.
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 6, 9, 10], rewritten.OriginalLines);
        var stub = Assert.Single(rewritten.Stubs);
        Assert.Equal((7, 8), (stub.FirstLine, stub.LastLine));
        Assert.Same(stub.Region, rewritten.RegionNear(9));
    }

    [Fact]
    public void A_file_with_windows_line_endings_keeps_them()
    {
        var rewritten = Rewrite("C.cs", "class C {\r\n void F() {\r\n  #region Exercise 1.4-2: x\r\n  G();\r\n  #endregion\r\n }\r\n}\r\n");
        Assert.DoesNotContain("\n", rewritten.Text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("  throw new NotImplementedException(\"Exercise 1.4-2: x\");\r\n", rewritten.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("static void on_signal(int n) {", null)]
    [InlineData("static da_status resize_block(dynarray *a, size_t n) {", "-1")]
    [InlineData("double sm_chase(const sm_params *p)", "-1.0")]
    [InlineData("static uint8_t *block_at(arena *a, size_t i) {", "NULL")]
    [InlineData("bool sm_ready(void) {", "false")]
    public void A_c_stub_returns_what_the_enclosing_function_can_return(string signature, string? expected)
    {
        var region = Assert.Single(RegionParser.Parse("a.c", $"{signature}\n    /* EXERCISE 4.5-1: x */\n    y();\n    /* END EXERCISE */\n}}\n").Regions);
        Assert.Equal(expected, SkeletonWriter.CReturn(region, [signature, "", "", "", "}"]));
    }

    [Fact]
    public void A_c_header_says_what_the_stub_returns_when_the_default_does_not_fit()
    {
        var rewritten = Rewrite("a.c", "int f(void) {\n    /* EXERCISE 1.3-4: grow (returns DA_ERR_NOMEM) */\n    g();\n    /* END EXERCISE */\n    return 0;\n}\n");
        Assert.Contains("    /* Exercise 1.3-4: grow */\n    return DA_ERR_NOMEM; /* not implemented yet */\n", rewritten.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_c_skeleton_builds_with_every_warning_as_an_error_and_returns_its_error_codes()
    {
        if (HostCommands.FindOnPath("gcc") is null) throw new ServiceUnavailableException("gcc is not installed: run `make setup`.");
        var source = string.Join('\n',
            "#include <stdio.h>",
            "static int helper(int x) { return x + 1; }",
            "static void touch(int *p) {",
            "    /* EXERCISE 4.5-1a: store one */",
            "    *p = helper(0);",
            "    /* END EXERCISE */",
            "}",
            "static double mean(const int *v, int n) {",
            "    double sum = 0;",
            "    /* EXERCISE 4.5-1b: sum the values */",
            "    for (int i = 0; i < n; i++) sum += v[i];",
            "    /* END EXERCISE */",
            "    return sum / n;",
            "}",
            "static int *first(int *v) {",
            "    /* EXERCISE 4.5-1c: the first element */",
            "    return v;",
            "    /* END EXERCISE */",
            "}",
            "int main(void) {",
            "    int v[2] = {1, 3};",
            "    int x = 7;",
            "    touch(&x);",
            "    printf(\"%d %.1f %d\\n\", x, mean(v, 2), first(v) == NULL);",
            "    return 0;",
            "}") + "\n";
        var run = await CompileAndRunAsync("skeleton.c", Rewrite("skeleton.c", source).Text, "gcc", ["-std=c11", "-Wall", "-Wextra", "-Werror", "-o"]);
        Assert.Equal("7 -1.0 1", run.Trim()); // touch() returned before storing, mean() returned -1.0, first() returned NULL
    }

    [Fact]
    public async Task A_rust_skeleton_builds_with_warnings_denied_and_panics_with_the_task()
    {
        if (HostCommands.FindOnPath("rustc") is null) throw new ServiceUnavailableException("rustc is not installed: run `make setup` (cargo and rustc).");
        var source = string.Join('\n',
            "fn push(v: &mut Vec<i32>, x: i32) -> usize {",
            "    let before = v.len();",
            "    // EXERCISE 1.3-5: append {x} and count it",
            "    v.push(x);",
            "    // END EXERCISE",
            "    v.len() - before",
            "}",
            "fn main() {",
            "    let mut v = Vec::new();",
            "    println!(\"{}\", push(&mut v, 3));",
            "}") + "\n";
        var rewritten = Rewrite("main.rs", source);
        Assert.Contains("unimplemented!(\"Exercise 1.3-5: append {{x}} and count it\");", rewritten.Text, StringComparison.Ordinal);
        var folder = TempFolder();
        var file = Path.Combine(folder, "main.rs");
        await File.WriteAllTextAsync(file, rewritten.Text);
        var build = await HostCommands.RunAsync("rustc", ["-D", "warnings", "--edition", "2021", "-o", Path.Combine(folder, "main"), file]);
        Assert.True(build.Succeeded, build.StandardError);
        var run = await HostCommands.RunAsync(Path.Combine(folder, "main"), []);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("not implemented: Exercise 1.3-5: append {x} and count it", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bash_skeleton_passes_shellcheck_and_exits_1_naming_the_task()
    {
        if (HostCommands.FindOnPath("shellcheck") is null) throw new ServiceUnavailableException("shellcheck is not installed: run `make setup`.");
        var source = string.Join('\n',
            "#!/usr/bin/env bash",
            "set -euo pipefail",
            "target=${1:?usage: backup.sh TARGET}",
            "# EXERCISE 1.4-1: copy to a temporary file, then rename it into place ($target stays)",
            "cp /etc/hostname \"$target.tmp\"",
            "mv \"$target.tmp\" \"$target\"",
            "# END EXERCISE",
            "echo \"backed up to $target\"") + "\n";
        var rewritten = Rewrite("backup.sh", source);
        var lines = RegionParser.SplitLines(rewritten.Text);
        Assert.Equal("#!/usr/bin/env bash", lines[0]);
        Assert.Equal(SkeletonWriter.BashPrelude, lines[1..3]);
        var folder = TempFolder();
        var script = Path.Combine(folder, "backup.sh");
        await File.WriteAllTextAsync(script, rewritten.Text);
        var lint = await HostCommands.RunAsync("shellcheck", ["--severity=style", script]);
        Assert.True(lint.Succeeded, lint.StandardOutput);
        var run = await HostCommands.RunAsync("bash", [script, Path.Combine(folder, "out")]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Exercise 1.4-1: copy to a temporary file, then rename it into place ($target stays) (not implemented yet)", run.StandardError.Trim());
        Assert.False(File.Exists(Path.Combine(folder, "out")));
    }

    [Fact]
    public async Task A_bash_region_that_sets_a_variable_used_after_it_fails_the_script_check_at_that_line()
    {
        if (HostCommands.FindOnPath("shellcheck") is null) throw new ServiceUnavailableException("shellcheck is not installed: run `make setup`.");
        var source = string.Join('\n',
            "#!/usr/bin/env bash",
            "set -euo pipefail",
            "# EXERCISE 1.4-1: count the lines of the hosts file (tests: ScriptTests)",
            "count=$(wc -l < /etc/hosts)",
            "# END EXERCISE",
            "echo \"$count lines\"") + "\n";
        var folder = TempFolder();
        Directory.CreateDirectory(Path.Combine(folder, "infra"));
        await File.WriteAllTextAsync(Path.Combine(folder, "infra", "count.sh"), Rewrite("infra/count.sh", source).Text);
        var outcome = await new LabBuild(folder, "labs/1.4").CheckScriptsAsync(["infra/count.sh"], CancellationToken.None);
        Assert.False(outcome.Succeeded);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal((Path.Combine(folder, "infra", "count.sh"), 7, "SC2154"), (error.File, error.Line, error.Code));
        Assert.Contains("count is referenced but not assigned", error.Message);
    }

    private async Task<string> CompileAndRunAsync(string name, string text, string compiler, IReadOnlyList<string> flags)
    {
        var folder = TempFolder();
        var file = Path.Combine(folder, name);
        await File.WriteAllTextAsync(file, text);
        var exe = Path.Combine(folder, "program");
        var build = await HostCommands.RunAsync(compiler, [.. flags, exe, file]);
        output.WriteLine(text);
        Assert.True(build.Succeeded, build.StandardError);
        var run = await HostCommands.RunAsync(exe, []);
        Assert.True(run.Succeeded, run.StandardError);
        return run.StandardOutput;
    }

    private string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "stateless-mind-skeleton-tests", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        _folders.Add(folder);
        return folder;
    }
}
