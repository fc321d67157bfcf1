using StatelessMind.Runner.Exercises;

namespace StatelessMind.Tests.Exercises;

/// <summary>The markers of every language, and each way a marker can be wrong, reported with its file and line.</summary>
public sealed class RegionParserTests
{
    private static RegionParseResult Parse(string file, params string[] lines) => RegionParser.Parse(file, string.Join('\n', lines) + "\n");

    [Fact]
    public void A_csharp_region_gives_its_task_goal_tests_lines_indent_and_body()
    {
        var result = Parse("labs/1.1.3/src/Raft.cs",
            "class C",
            "{",
            "    void F()",
            "    {",
            "        #region Exercise 1.1.3-3b: replicate the log (tests: ReplicationTests, Raft*.Backup*)",
            "        Append();",
            "        Commit();",
            "        #endregion",
            "    }",
            "}");
        Assert.Empty(result.Problems);
        var region = Assert.Single(result.Regions);
        Assert.Equal(("1.1.3-3b", "1.1.3-3", "replicate the log"), (region.TaskId, region.GoalId, region.Task));
        Assert.Equal(["ReplicationTests", "Raft*.Backup*"], region.Tests);
        Assert.Equal((5, 5, 8), (region.StartLine, region.HeaderEndLine, region.EndLine));
        Assert.Equal("        ", region.Indent);
        Assert.Equal(["        Append();", "        Commit();"], region.Body);
        Assert.Equal(SourceLanguage.CSharp, region.Language);
        Assert.Null(region.Returns);
    }

    [Fact]
    public void Ordinary_regions_nest_around_and_inside_an_exercise_region()
    {
        var result = Parse("a.cs",
            "#region Helpers",
            "#region Exercise 1.4-2: split the facts",
            "#region inner detail",
            "x();",
            "#endregion",
            "#endregion",
            "#endregion");
        Assert.Empty(result.Problems);
        var region = Assert.Single(result.Regions);
        Assert.Equal((2, 6), (region.StartLine, region.EndLine));
        Assert.Empty(region.Tests);
    }

    [Fact]
    public void A_bare_goal_id_is_a_task_id()
    {
        var region = Assert.Single(Parse("a.cs", "#region Exercise 4.5-2: pop a block", "x();", "#endregion").Regions);
        Assert.Equal(("4.5-2", "4.5-2"), (region.TaskId, region.GoalId));
    }

    [Fact]
    public void An_unclosed_region_is_reported_at_its_opening_line()
    {
        var result = Parse("labs/x/A.cs", "class C {", "  #region Exercise 1.4-2: split", "  x();", "}");
        Assert.Empty(result.Regions);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("labs/x/A.cs", 2), (problem.File, problem.Line));
        Assert.Contains("never closed", problem.Message);
    }

    [Fact]
    public void A_region_inside_another_is_reported_and_neither_is_used()
    {
        var result = Parse("a.cs",
            "#region Exercise 1.4-2a: outer",
            "a();",
            "#region Exercise 1.4-2b: inner",
            "b();",
            "#endregion",
            "#endregion");
        Assert.Empty(result.Regions);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("may not nest", problem.Message);
        Assert.Contains("line 1", problem.Message);
    }

    [Theory]
    [InlineData("#region exercise 1.4-2: lower case", "misnamed exercise region")]
    [InlineData("#region EXERCISE 1.4-2: upper case", "misnamed exercise region")]
    [InlineData("#region Exercise 1.4-2 no colon", "must read 'Exercise <task id>: <task>'")]
    [InlineData("#region Exercise 1.4: a section is not a goal", "'1.4' is not a task id")]
    [InlineData("#region Exercise 1.4-2B: capital letter", "'1.4-2B' is not a task id")]
    [InlineData("#region Exercise 1.4-2: ", "must read")]
    [InlineData("#region Exercise 1.4-2: split (tests: )", "names no test")]
    [InlineData("#region Exercise 1.4-2: split (returns -1)", "for C regions only")]
    [InlineData("// EXERCISE 1.4-2: a C-style marker in C#", "not a comment")]
    public void A_misnamed_marker_is_an_error_at_its_line(string marker, string expected)
    {
        var result = Parse("labs/1.4/src/A.cs", "class C {", marker, "x();", "#endregion", "}");
        Assert.Empty(result.Regions);
        Assert.Contains(result.Problems, p => p.Line == 2 && p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_closing_marker_without_an_opening_one_is_an_error()
    {
        Assert.Contains(Parse("a.cs", "x();", "#endregion").Problems, p => p.Line == 2 && p.Message.Contains("without a #region", StringComparison.Ordinal));
        Assert.Contains(Parse("a.c", "x();", "/* END EXERCISE */").Problems, p => p.Line == 2 && p.Message.Contains("without an EXERCISE", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_region_is_an_error()
    {
        var problem = Assert.Single(Parse("a.rs", "// EXERCISE 1.3-5: nothing", "", "// END EXERCISE").Problems);
        Assert.Contains("holds no code", problem.Message);
    }

    [Fact]
    public void A_c_header_may_span_lines_and_carry_a_return_value()
    {
        var result = Parse("native/c/j.c",
            "int scan(void) {",
            "    /* EXERCISE 1.1.1-2a: read records from offset, validating magic,",
            "       length and CRC-32C (tests: JournalTests) (returns JOURNAL_ERR_IO) */",
            "    for (;;) { break; }",
            "    /* END EXERCISE */",
            "    return 0;",
            "}");
        Assert.Empty(result.Problems);
        var region = Assert.Single(result.Regions);
        Assert.Equal("read records from offset, validating magic, length and CRC-32C", region.Task);
        Assert.Equal(["JournalTests"], region.Tests);
        Assert.Equal("JOURNAL_ERR_IO", region.Returns);
        Assert.Equal((2, 3, 5), (region.StartLine, region.HeaderEndLine, region.EndLine));
        Assert.Equal(["    for (;;) { break; }"], region.Body);
    }

    [Theory]
    [InlineData("a.c", "/* Exercise 1.3-4: wrong case */", "/* END EXERCISE */")]
    [InlineData("a.c", "// EXERCISE 1.3-4: C wants a block comment", "/* END EXERCISE */")]
    [InlineData("a.rs", "// Exercise 1.3-5: wrong case", "// END EXERCISE")]
    [InlineData("a.sh", "# exercise 1.4-1: wrong case", "# END EXERCISE")]
    [InlineData("a.sh", "# EXERCISE 1.4-1: fine", "# end exercise")]
    public void Misnamed_markers_in_c_rust_and_bash_are_errors(string file, string open, string close)
    {
        var result = Parse(file, open, "x", close);
        Assert.Empty(result.Regions);
        Assert.NotEmpty(result.Problems);
    }

    [Fact]
    public void Rust_and_bash_regions_parse_and_ordinary_comments_are_left_alone()
    {
        var rust = Parse("native/rust/dynarray/src/lib.rs", "fn f() {", "    // EXERCISE 1.3-5: write the value (tests: push_*)", "    x();",
            "    // END EXERCISE", "    // exercise the code path below", "}");
        Assert.Empty(rust.Problems);
        Assert.Equal(("1.3-5", SourceLanguage.Rust), (Assert.Single(rust.Regions).TaskId, rust.Regions[0].Language));
        var bash = Parse("infra/postgres/pg-init.sh", "#!/usr/bin/env bash", "# exercise the whole script", "# EXERCISE 1.4-1: run initdb", "initdb", "# END EXERCISE");
        Assert.Empty(bash.Problems);
        Assert.Equal(("1.4-1", 3, 5), (Assert.Single(bash.Regions).TaskId, bash.Regions[0].StartLine, bash.Regions[0].EndLine));
    }

    [Fact]
    public void Windows_line_endings_give_the_same_lines()
    {
        var region = Assert.Single(RegionParser.Parse("a.cs", "a();\r\n#region Exercise 1.4-2: x\r\nb();\r\n#endregion\r\n").Regions);
        Assert.Equal((2, 4), (region.StartLine, region.EndLine));
        Assert.Equal(["b();"], region.Body);
    }
}
