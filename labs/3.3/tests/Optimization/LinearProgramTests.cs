using StatelessMind.Labs.ProbabilisticModels.Optimization;

namespace StatelessMind.Labs.ProbabilisticModels.Tests.Optimization;

/// <summary>A malformed model is refused when it is built, naming the model, the place and what was expected.</summary>
public sealed class LinearProgramTests
{
    [Fact]
    [Goal("3.3-3")]
    public void Unknown_variables_bad_bounds_and_repeated_names_are_refused()
    {
        var lp = new LinearProgram("plan", ObjectiveSense.Maximize);
        lp.AddVariable("x", 1);
        var unknown = Assert.Throws<ModelDefinitionException>(() => lp.AddLessOrEqual("cap", [("x", 1), ("y", 2)], 4));
        Assert.Equal(("plan", "constraint cap"), (unknown.Model, unknown.Location));
        Assert.Contains("unknown variable y", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ModelDefinitionException>(() => lp.AddVariable("x", 2));
        Assert.Throws<ModelDefinitionException>(() => lp.AddVariable("z", 1, lower: 5, upper: 1));
        Assert.Throws<ModelDefinitionException>(() => lp.AddVariable("w", double.NaN));
        Assert.Throws<ModelDefinitionException>(() => lp.AddConstraint("bad", [("x", 1)], double.PositiveInfinity, double.PositiveInfinity));
        Assert.Throws<ModelDefinitionException>(() => lp.AddLessOrEqual("nan", [("x", double.NaN)], 1));
        Assert.Throws<ModelDefinitionException>(() => lp.AddLessOrEqual("empty", [], 1));
        lp.AddLessOrEqual("cap", [("x", 1)], 4);
        Assert.Throws<ModelDefinitionException>(() => lp.AddLessOrEqual("cap", [("x", 2)], 4));
    }

    [Fact]
    [Goal("3.3-3")]
    public void Rows_list_one_coefficient_per_variable_and_add_repeated_terms()
    {
        var lp = new LinearProgram("plan", ObjectiveSense.Minimize);
        lp.AddVariable("x", 1);
        lp.AddVariable("y", 2);
        lp.AddGreaterOrEqual("cover", [("y", 1), ("y", 2)], 3);
        var row = Assert.Single(lp.Constraints);
        Assert.Equal([0, 3], row.Coefficients);
        Assert.Equal((3, double.PositiveInfinity), (row.Lower, row.Upper));
        Assert.Equal(5, lp.Objective([1, 2]));
    }
}
