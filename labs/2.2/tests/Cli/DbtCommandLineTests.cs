using StatelessMind.Labs.Transformation.Cli;

namespace StatelessMind.Labs.Transformation.Tests.Cli;

[Goal("2.2-1")]
public sealed class DbtCommandLineTests
{
    [Theory]
    [InlineData("build", DbtVerb.Build)]
    [InlineData("run", DbtVerb.Run)]
    [InlineData("test", DbtVerb.Test)]
    [InlineData("snapshot", DbtVerb.Snapshot)]
    [InlineData("seed", DbtVerb.Seed)]
    [InlineData("compile", DbtVerb.Compile)]
    [InlineData("docs generate", DbtVerb.DocsGenerate)]
    public void Every_verb_is_recognised(string verb, DbtVerb expected)
    {
        var command = DbtCommandLine.Parse(verb.Split(' ').Append("--project-dir").Append("p").ToArray());
        Assert.Equal(expected, command.Verb);
        Assert.Equal("p", command.ProjectDirectory);
    }

    [Fact]
    public void Select_takes_several_selectors_and_the_other_options_their_values()
    {
        var command = DbtCommandLine.Parse(["build", "--select", "+fct_sales", "dim_date+", "--target", "prod", "--full-refresh", "-s", "stg_orders", "--profiles-dir", "/x"]);
        Assert.Equal(new DbtCommandLine(DbtVerb.Build, ".", "/x", "prod", "+fct_sales dim_date+ stg_orders", true), command);
    }

    [Theory]
    [InlineData("deploy")]
    [InlineData("docs")]
    [InlineData("run --select")]
    [InlineData("run --threads 4")]
    [InlineData("docs generate --select a")]
    public void A_wrong_command_line_is_a_usage_error(string line)
    {
        Assert.Throws<DbtUsageException>(() => DbtCommandLine.Parse(line.Split(' ')));
    }
}
