using StatelessMind.Labs.LearningData.Neural;
using StatelessMind.Labs.LearningData.Supervised;
using StatelessMind.Labs.LearningData.Unsupervised;

namespace StatelessMind.Labs.LearningData.Tests;

/// <summary>Arguments the lab's entry points refuse before any work is done.</summary>
public sealed class ArgumentValidationTests
{
    [Fact]
    [Goal("1.6-1")]
    public void Fractions_that_leave_no_test_rows_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplits.Stratified([0, 1, 0, 1, 0], 0.8, 0.2, 1));
    }

    [Fact]
    [Goal("1.6-1")]
    public void A_k_outside_two_to_the_row_count_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplits.KFold(10, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplits.KFold(10, 11, 0));
    }

    [Fact]
    [Goal("1.6-1")]
    public void Fewer_than_two_clusters_or_mismatched_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ClusterQuality.Silhouette([[0f], [1f]], [0, 0]));
        Assert.Throws<ArgumentException>(() => ClusterQuality.Silhouette([[0f], [1f]], [0]));
    }

    [Fact]
    [Goal("1.6-2")]
    public void Labels_outside_the_classes_and_mismatched_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MlpClassifier.Train([[0f], [1f]], [0, 2], 2, new MlpOptions { Epochs = 1 }));
        Assert.Throws<ArgumentException>(() => MlpClassifier.Train([[0f], [1f]], [0], 2, new MlpOptions { Epochs = 1 }));
    }
}
