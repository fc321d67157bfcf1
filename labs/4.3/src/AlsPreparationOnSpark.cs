using StatelessMind.SparkConnect;

namespace StatelessMind.Labs.MassiveData;

/// <summary>ALS's data preparation locally and on Spark: the ratings per user block (compared exactly) and the global mean.</summary>
public sealed record AlsPreparationOnSpark(RowsComparison RatingsPerBlock, double LocalMean, double SparkMean)
{
    /// <summary>The relative difference allowed between the means: a double sum in another order may differ in its last bits.</summary>
    public const double MeanTolerance = 1e-12;

    public bool MeanAgrees => Math.Abs(LocalMean - SparkMean) <= MeanTolerance * Math.Abs(LocalMean);
}
