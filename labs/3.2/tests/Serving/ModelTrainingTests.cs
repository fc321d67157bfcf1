using StatelessMind.Labs.MlOps.Serving;
using StatelessMind.Labs.MlOps.Versioning;

namespace StatelessMind.Labs.MlOps.Tests.Serving;

[Goal("3.2-1")]
public sealed class ModelTrainingTests(TrainedIris iris) : IClassFixture<TrainedIris>
{
    [Fact]
    public void The_split_keeps_every_fifth_flower_for_testing()
    {
        Assert.Equal(150, IrisData.ReadSklearn(IrisData.SklearnIrisPath()).Count);
        Assert.Equal(120, IrisData.ReadCsv(iris.TrainCsv).Count);
        Assert.Equal(30, iris.Test.Count);
        Assert.Equal(10, iris.Test.Count(r => r.Species == "setosa"));
    }

    [Fact]
    public void The_same_training_data_gives_the_same_model_bytes_and_other_data_another()
    {
        var again = Path.Combine(iris.Folder, "again.zip");
        ModelTrainer.Train(iris.TrainCsv, again, Path.Combine(iris.Folder, "again.json"));
        Assert.Equal(ContentCache.HashFile(iris.ModelPath), ContentCache.HashFile(again));
        Assert.Equal(iris.Model.Version, ContentCache.HashFile(again));

        var fewer = Path.Combine(iris.Folder, "fewer.csv");
        IrisData.WriteCsv(fewer, IrisData.ReadCsv(iris.TrainCsv).Skip(1));
        var other = Path.Combine(iris.Folder, "other.zip");
        ModelTrainer.Train(fewer, other, Path.Combine(iris.Folder, "other.json"));
        Assert.NotEqual(ContentCache.HashFile(iris.ModelPath), ContentCache.HashFile(other));
    }

    [Fact]
    public void The_model_classifies_the_held_out_flowers()
    {
        Assert.Equal(["setosa", "versicolor", "virginica"], iris.Model.Classes);
        Assert.True(ModelTrainer.Accuracy(iris.ModelPath, iris.BaselinePath, iris.TestCsv) >= 0.9);
        var prediction = iris.Model.Predict([5.1f, 3.5f, 1.4f, 0.2f]);
        Assert.Equal("setosa", prediction.Species);
        Assert.Equal(1.0, prediction.Probabilities.Sum(), 3);
    }

    [Fact]
    public void The_baseline_holds_the_training_means_and_standard_deviations()
    {
        var train = IrisData.ReadCsv(iris.TrainCsv);
        var baseline = iris.Model.Baseline;
        Assert.Equal(train.Average(r => (double)r.Features[2]), baseline.Means[2], 6);
        var m = baseline.Means[0];
        Assert.Equal(Math.Sqrt(train.Sum(r => (r.Features[0] - m) * (r.Features[0] - m)) / (train.Count - 1)), baseline.StandardDeviations[0], 6);
    }
}
