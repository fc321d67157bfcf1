using Microsoft.ML.Data;

namespace StatelessMind.Labs.MlOps.Serving;

/// <summary>The model's output for one flower: the predicted species and a probability per species.</summary>
public sealed class IrisPrediction
{
    [ColumnName("PredictedLabel")]
    public string Species { get; set; } = "";

    [ColumnName("Score")]
    public float[] Probabilities { get; set; } = [];
}
