namespace StatelessMind.Labs.LearningData.Supervised;

/// <summary>One example as ML.NET reads it: a feature vector and a label (class index or regression target).
/// Public with public fields because ML.NET maps the class to an IDataView schema by reflection.</summary>
public sealed class LabeledRow
{
    public float[] Features = [];
    public float Label;
}
