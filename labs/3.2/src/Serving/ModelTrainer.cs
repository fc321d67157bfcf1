using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace StatelessMind.Labs.MlOps.Serving;

/// <summary>
/// The train stage: an ML.NET multiclass model (min-max normalisation, then multinomial logistic regression by L-BFGS) fitted on a training
/// CSV with a fixed seed on one thread, saved as ML.NET's model zip. The zip is rewritten with fixed entry timestamps, so
/// that its bytes — and so its md5, the model's version — depend on the training data alone: same data version, same
/// model hash.
/// </summary>
public static class ModelTrainer
{
    public const int DefaultSeed = 1;
    private static readonly DateTimeOffset FixedEntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Fits the model on <paramref name="trainCsv"/>, writes it to <paramref name="modelPath"/> and the training
    /// data's per-feature baseline (for drift) to <paramref name="baselinePath"/>.</summary>
    public static void Train(string trainCsv, string modelPath, string baselinePath, int seed = DefaultSeed)
    {
        var rows = IrisData.ReadCsv(trainCsv);
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", nameof(IrisRow.Species))
            .Append(ml.Transforms.NormalizeMinMax(nameof(IrisRow.Features)))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "Label",
                FeatureColumnName = nameof(IrisRow.Features),
                NumberOfThreads = 1,
            }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        var model = pipeline.Fit(data);
        using (var raw = new MemoryStream())
        {
            ml.Model.Save(model, data.Schema, raw);
            raw.Position = 0;
            WriteWithFixedTimestamps(raw, modelPath);
        }
        FeatureBaseline.Of(rows).Save(baselinePath);
    }

    /// <summary>The evaluate stage: the fraction of the test CSV's flowers the model classifies correctly.</summary>
    public static double Accuracy(string modelPath, string baselinePath, string testCsv)
    {
        using var served = ServedModel.Load(modelPath, baselinePath);
        var rows = IrisData.ReadCsv(testCsv);
        return rows.Count(r => served.Predict(r.Features).Species == r.Species) / (double)rows.Count;
    }

    private static void WriteWithFixedTimestamps(Stream zip, string path)
    {
        using var source = new ZipArchive(zip, ZipArchiveMode.Read);
        using var file = File.Create(path);
        using var target = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var entry in source.Entries)
        {
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = FixedEntryTime;
            using var from = entry.Open();
            using var to = copy.Open();
            from.CopyTo(to);
        }
    }
}
