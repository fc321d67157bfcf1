using StatelessMind.Labs.Lifecycle.Etl;

namespace StatelessMind.Labs.Lifecycle.Tests.Etl;

/// <summary>1.2-4: the lines-of-code figure counts code, not comments, blank lines or region markers, in C# and in SQL with Jinja.</summary>
[Goal("1.2-4")]
public sealed class CodeSizeTests
{
    [Fact]
    public void Comments_blank_lines_and_region_markers_are_not_code()
    {
        const string csharp = "/// <summary>x</summary>\npublic static int F()\n{\n    // a comment\n\n    #region Exercise x\n    return 1;\n    #endregion\n}\n";
        const string sql = "{#- A model.\n    Two comment lines. -#}\nselect\n    a, -- trailing comment counts as code\n    b\n-- only a comment\nfrom {{ ref('t') }}\n";
        Assert.Equal(4, CodeSize.CountCode(csharp));
        Assert.Equal(4, CodeSize.CountCode(sql));
    }

    [Fact]
    public void Both_sides_are_counted_from_their_files()
    {
        Assert.True(CodeSize.EtlLines() > 100);
        var (loader, models) = CodeSize.EltLines(EtlEltRun.DbtProject);
        Assert.InRange(loader, 10, CodeSize.EtlLines());
        Assert.True(models > 50, $"{models} lines of dbt SQL");
    }
}
