using StatelessMind.Dataflow.Metrics;

namespace StatelessMind.Dataflow.Tests.Partitioning;

/// <summary>Exercise 1.1.2-3c.</summary>
[Goal("1.1.2-3")]
public sealed class PartitionBalanceTests
{
    [Fact]
    public void Even_partitions_have_max_over_mean_one_and_no_variation()
    {
        var b = PartitionBalance.Of([5, 5, 5, 5]);
        Assert.Equal(1.0, b.MaxOverMean);
        Assert.Equal(0.0, b.CoefficientOfVariation);
        Assert.Equal(20, b.Total);
    }

    [Fact]
    public void One_hot_partition_shows_in_both_measures()
    {
        var b = PartitionBalance.Of([10, 0, 0, 10, 40]);
        Assert.Equal(12.0, b.Mean);
        Assert.Equal(40.0 / 12, b.MaxOverMean, 12);
        Assert.Equal(Math.Sqrt((4 + 144 + 144 + 4 + 784) / 5.0) / 12, b.CoefficientOfVariation, 12);
        Assert.Equal(0, b.Min);
    }
}
