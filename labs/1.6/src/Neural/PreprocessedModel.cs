using System.Text.Json;
using StatelessMind.Labs.LearningData.Preprocessing;

namespace StatelessMind.Labs.LearningData.Neural;

/// <summary>
/// What is deployed: the fitted preprocessing pipeline and the network, saved together in one folder
/// (<c>preprocessor.json</c>, <c>network.bin</c>, <c>shape.json</c>) and loaded together, so that inference encodes raw
/// rows with exactly the statistics training used.
/// </summary>
public sealed class PreprocessedModel(FittedPreprocessor preprocessor, MlpClassifier network) : IDisposable
{
    public FittedPreprocessor Preprocessor { get; } = preprocessor;
    public MlpClassifier Network { get; } = network;

    /// <summary>Raw rows in, classes out: the same <see cref="FittedPreprocessor.Transform"/> training used, then the network.</summary>
    public int[] Predict(RawTable rows) => Network.Predict(Preprocessor.Transform(rows));

    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "preprocessor.json"), Preprocessor.ToJson());
        Network.Save(Path.Combine(folder, "network.bin"));
        File.WriteAllText(Path.Combine(folder, "shape.json"), JsonSerializer.Serialize(new[] { Network.Inputs, Network.Hidden, Network.Classes }));
    }

    public static PreprocessedModel Load(string folder)
    {
        var preprocessor = FittedPreprocessor.FromJson(File.ReadAllText(Path.Combine(folder, "preprocessor.json")));
        var shape = JsonSerializer.Deserialize<int[]>(File.ReadAllText(Path.Combine(folder, "shape.json")));
        if (shape is not { Length: 3 } || shape[0] != preprocessor.OutputWidth)
            throw new PreprocessorFormatException("shape.json", $"[inputs, hidden, classes] with inputs = the preprocessor's {preprocessor.OutputWidth} outputs");
        return new PreprocessedModel(preprocessor, MlpClassifier.Load(Path.Combine(folder, "network.bin"), shape[0], shape[1], shape[2]));
    }

    public void Dispose() => Network.Dispose();
}
