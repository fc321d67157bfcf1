namespace StatelessMind.Labs.Retrieval.Evaluation;

/// <summary>Planted bugs of the evaluation metrics, for the tests and the experiment to catch.</summary>
public enum MetricBug
{
    None,

    /// <summary>Average precision divides by the relevant documents retrieved instead of all relevant ones: missing them costs nothing.</summary>
    AveragePrecisionOverRetrieved,

    /// <summary>nDCG's ideal ranking is built from the retrieved documents only, so relevant documents never retrieved are ignored.</summary>
    IdealFromRetrieved,
}
