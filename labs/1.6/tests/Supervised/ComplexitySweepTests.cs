using Microsoft.ML;
using StatelessMind.Labs.LearningData.Data;
using StatelessMind.Labs.LearningData.Supervised;

namespace StatelessMind.Labs.LearningData.Tests.Supervised;

public sealed class ComplexitySweepTests
{
    [Fact]
    [Goal("1.6-1")]
    public void More_leaves_fit_the_training_rows_ever_closer_while_the_validation_gap_grows()
    {
        var ml = new MLContext(seed: 5);
        var diabetes = SklearnDatasets.Diabetes();
        var split = DataSplits.Stratified(new int[diabetes.Count], 0.6, 0.2, 5);
        var sweep = ComplexitySweep.TreeLeaves(ml, diabetes.Subset(split.Train), diabetes.Subset(split.Validation), [2, 16, 256]);
        Assert.True(sweep[0].TrainError > sweep[1].TrainError && sweep[1].TrainError > sweep[2].TrainError);
        Assert.True(sweep[2].Gap > sweep[0].Gap, "the train/validation gap grows with the number of leaves");
    }

    [Fact]
    [Goal("1.6-1")]
    public void The_best_point_is_the_one_with_the_lowest_validation_error()
    {
        ComplexityPoint[] points = [new(1, 5, 9), new(2, 3, 7), new(4, 1, 7.5)];
        Assert.Equal(2, ComplexitySweep.Best(points).Complexity);
    }
}
