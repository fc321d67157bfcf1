using StatelessMind.Labs.LearningData.Preprocessing;
using StatelessMind.Labs.LearningData.Supervised;

namespace StatelessMind.Labs.LearningData.Tests.Preprocessing;

/// <summary>The pipeline is fitted on training rows only: no validation or test statistic leaks into it.</summary>
public sealed class LeakTests
{
    private static readonly (RawTable Table, float[] Progression) Diabetes = DiabetesTable.Load(0.05, seed: 4);
    private static readonly SplitIndices Split = DataSplits.Stratified(new int[442], 0.6, 0.2, seed: 4);

    [Fact]
    [Goal("1.6-2")]
    public void Altering_every_held_out_row_changes_no_fitted_statistic()
    {
        Assert.Empty(PreprocessingWorkflow.LeakedStatistics(Diabetes.Table, Split, DiabetesTable.Spec()));
        Assert.Empty(PreprocessingWorkflow.LeakedStatistics(Diabetes.Table, Split, DiabetesTable.Spec(NumericScaling.MinMax)));
    }

    [Fact]
    [Goal("1.6-2")]
    public void The_fitted_statistics_are_those_of_the_training_rows_computed_independently()
    {
        var fitted = PreprocessingWorkflow.Prepare(Diabetes.Table, Split, DiabetesTable.Spec()).Fitted;
        var bmi = Diabetes.Table.IndexOf("bmi");
        var values = Split.Train.Select(i => Diabetes.Table.Rows[i][bmi]).OfType<string>()
            .Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var column = fitted.Columns.Single(c => c.Name == "bmi");
        Assert.Equal(values.Average(), column.Center, 9);
        Assert.Equal(Math.Sqrt(values.Select(v => (v - values.Average()) * (v - values.Average())).Average()), column.Scale, 9);
    }

    [Fact]
    [Goal("1.6-2")]
    public void The_leak_check_catches_the_planted_bug_that_fits_on_every_row()
    {
        var leaks = PreprocessingWorkflow.LeakedStatistics(Diabetes.Table, Split, DiabetesTable.Spec(), PreprocessingBug.FitOnAllRows);
        Assert.Contains(leaks, l => l.StartsWith("bmi: centre", StringComparison.Ordinal));
        Assert.Contains(leaks, l => l.StartsWith("sex: categories", StringComparison.Ordinal));
    }

    [Fact]
    [Goal("1.6-2")]
    public void The_diabetes_table_has_its_column_kinds_and_about_the_stated_share_of_missing_cells()
    {
        var (table, progression) = Diabetes;
        Assert.Equal(442, table.Count);
        Assert.Equal(442, progression.Length);
        Assert.All(table.Rows, r => Assert.Contains(r[0], DiabetesTable.AgeBands));
        var measured = table.Rows.SelectMany(r => r.Skip(1)).ToArray();
        Assert.InRange(measured.Count(c => c is null) / (double)measured.Length, 0.03, 0.07);
    }
}
