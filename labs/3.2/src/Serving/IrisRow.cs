using Microsoft.ML.Data;

namespace StatelessMind.Labs.MlOps.Serving;

/// <summary>One iris flower as ML.NET reads it: four measurements in cm and the species.</summary>
public sealed class IrisRow
{
    [VectorType(IrisData.FeatureCount)]
    public float[] Features { get; set; } = [];

    public string Species { get; set; } = "";
}
