using Microsoft.ML;
using Microsoft.ML.Data;
using StatelessMind.Labs.MlOps.Versioning;

namespace StatelessMind.Labs.MlOps.Serving;

/// <summary>
/// A trained model loaded for serving: its version (the md5 of its zip, as the data cache names it), the species in the
/// order of its probabilities, and the training baseline. Prediction engines are not thread-safe: each thread gets its own.
/// </summary>
public sealed class ServedModel : IDisposable
{
    private readonly ThreadLocal<PredictionEngine<IrisRow, IrisPrediction>> _engines;

    private ServedModel(string version, IReadOnlyList<string> classes, FeatureBaseline baseline, ThreadLocal<PredictionEngine<IrisRow, IrisPrediction>> engines)
    {
        Version = version;
        Classes = classes;
        Baseline = baseline;
        _engines = engines;
    }

    public string Version { get; }
    public IReadOnlyList<string> Classes { get; }
    public FeatureBaseline Baseline { get; }

    public static ServedModel Load(string modelPath, string baselinePath)
    {
        var ml = new MLContext(ModelTrainer.DefaultSeed);
        var model = ml.Model.Load(modelPath, out var inputSchema);
        var keys = default(VBuffer<ReadOnlyMemory<char>>);
        model.GetOutputSchema(inputSchema)["Label"].GetKeyValues(ref keys);
        var classes = keys.DenseValues().Select(k => k.ToString()).ToArray();
        var engines = new ThreadLocal<PredictionEngine<IrisRow, IrisPrediction>>(() => ml.Model.CreatePredictionEngine<IrisRow, IrisPrediction>(model), trackAllValues: true);
        return new ServedModel(ContentCache.HashFile(modelPath), classes, FeatureBaseline.Load(baselinePath), engines);
    }

    public IrisPrediction Predict(float[] features)
    {
        if (features.Length != IrisData.FeatureCount) throw new ArgumentException($"{IrisData.FeatureCount} features expected, got {features.Length}.", nameof(features));
        return _engines.Value!.Predict(new IrisRow { Features = features });
    }

    public void Dispose()
    {
        foreach (var engine in _engines.Values) engine.Dispose();
        _engines.Dispose();
    }
}
