using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace StatelessMind.Labs.MlOps.TextClassification;

/// <summary>
/// The baseline: ML.NET's text featurizer reduced to a bag of words (lower-cased word unigrams, L2-normalized counts;
/// no character n-grams) feeding a multiclass logistic regression trained by SDCA on one thread, seeded. It learns its
/// own dictionary from the training texts; word order is ignored.
/// </summary>
public sealed class BagOfWordsBaseline
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;

    private BagOfWordsBaseline(MLContext ml, ITransformer model)
    {
        _ml = ml;
        _model = model;
    }

    public static BagOfWordsBaseline Train(IReadOnlyList<FortuneText> train, int seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0) throw new ArgumentException("The baseline needs at least one training text.", nameof(train));
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(train.Select(t => new TextRow { Text = t.Text, Label = t.Category }));
        return new BagOfWordsBaseline(ml, Pipeline(ml).Fit(data));
    }

    /// <summary>Label → key, text → bag of words, SDCA maximum entropy, predicted key → label.</summary>
    internal static IEstimator<ITransformer> Pipeline(MLContext ml)
    {
        #region Exercise 3.2-3e: the ML.NET pipeline: label to key, text to a bag of word unigrams (no char n-grams), SDCA maximum entropy on one thread, predicted key back to the label (tests: BagOfWordsBaselineTests)
        var featurizer = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 1, UseAllLengths = true },
            CharFeatureExtractor = null,
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        return ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Text.FeaturizeText("Features", featurizer, nameof(TextRow.Text)))
            .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        #endregion
    }

    /// <summary>The predicted category of each text.</summary>
    public string[] Predict(IReadOnlyList<string> texts)
    {
        var data = _ml.Data.LoadFromEnumerable(texts.Select(t => new TextRow { Text = t, Label = "" }));
        return [.. _model.Transform(data).GetColumn<string>("PredictedLabel")];
    }
}
