using TorchSharp;
using static TorchSharp.torch;

namespace StatelessMind.Labs.MlOps.TextClassification;

/// <summary>
/// A <see cref="GruTextModel"/> trained with Adam on the cross-entropy loss, in shuffled minibatches padded to the
/// longest sequence of the batch. Deterministic for a seed: weights come from <c>torch.manual_seed</c>, batches from a
/// seeded shuffle, and libtorch runs on one thread.
/// </summary>
public sealed class GruTextClassifier : IDisposable
{
    private readonly GruTextModel _model;
    private readonly List<EpochRecord> _history = [];

    private GruTextClassifier(GruTextModel model, int classes)
    {
        _model = model;
        Classes = classes;
    }

    public int Classes { get; }
    public IReadOnlyList<EpochRecord> History => _history;

    /// <summary>Trains on <paramref name="sequences"/> (token ids) and their class indices; after each epoch the accuracy on the optional evaluation set is recorded.</summary>
    public static GruTextClassifier Train(int vocabularySize, int classes, IReadOnlyList<int[]> sequences, int[] labels, GruClassifierOptions options,
        (IReadOnlyList<int[]> Sequences, int[] Labels)? evaluation = null, TextClassificationBug bug = TextClassificationBug.None)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(options);
        if (sequences.Count == 0 || sequences.Count != labels.Length)
            throw new ArgumentException($"{sequences.Count} sequences and {labels.Length} labels: one label per sequence, at least one sequence.");
        if (labels.Any(l => l < 0 || l >= classes)) throw new ArgumentException($"Labels must lie in 0…{classes - 1}.", nameof(labels));
        torch.set_num_threads(1);
        torch.manual_seed(options.Seed);
        var classifier = new GruTextClassifier(new GruTextModel(vocabularySize, options.EmbeddingSize, options.HiddenSize, classes, bug), classes);
        using var optimizer = torch.optim.Adam(classifier._model.parameters(), options.LearningRate);
        var random = new Random((int)options.Seed);
        var order = Enumerable.Range(0, sequences.Count).ToArray();
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            classifier._model.train();
            random.Shuffle(order);
            var loss = classifier.RunEpoch(sequences, labels, order, options.BatchSize, optimizer);
            double? accuracy = evaluation is { } e ? Accuracy(classifier.Predict(e.Sequences), e.Labels) : null;
            classifier._history.Add(new EpochRecord(epoch, loss, accuracy));
        }
        classifier._model.eval();
        return classifier;
    }

    /// <summary>One pass over the training set in the given order; returns the mean loss per sequence.</summary>
    private double RunEpoch(IReadOnlyList<int[]> sequences, int[] labels, int[] order, int batchSize, optim.Optimizer optimizer)
    {
        var total = 0.0;
        #region Exercise 3.2-3d: for each minibatch of the order: pad it, zero the gradients, forward, cross-entropy against its labels, backward, step; sum loss × batch size (tests: GruTrainingTests)
        for (var start = 0; start < order.Length; start += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            var batch = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
            var tokens = Pad([.. batch.Select(i => sequences[i])]);
            var target = torch.tensor(batch.Select(i => (long)labels[i]).ToArray());
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(_model.forward(tokens), target);
            loss.backward();
            optimizer.step();
            total += loss.item<float>() * batch.Length;
        }
        #endregion
        return total / order.Length;
    }

    /// <summary>The class logits of each sequence [count, classes], evaluated in batches.</summary>
    public float[][] Logits(IReadOnlyList<int[]> sequences, int batchSize = 256)
    {
        _model.eval();
        var result = new List<float[]>(sequences.Count);
        using var noGrad = torch.no_grad();
        for (var start = 0; start < sequences.Count; start += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            var batch = sequences.Skip(start).Take(batchSize).ToList();
            var logits = _model.forward(Pad(batch)).data<float>().ToArray();
            for (var i = 0; i < batch.Count; i++) result.Add(logits.AsSpan(i * Classes, Classes).ToArray());
        }
        return [.. result];
    }

    /// <summary>The most probable class of each sequence.</summary>
    public int[] Predict(IReadOnlyList<int[]> sequences)
    {
        var logits = Logits(sequences);
        return [.. logits.Select(row => Array.IndexOf(row, row.Max()))];
    }

    /// <summary>Right-pads sequences to the longest one with <see cref="TextTokenizer.PadId"/>: a [count, time] tensor of int64 ids (an empty sequence becomes one padding position).</summary>
    public static Tensor Pad(IReadOnlyList<int[]> sequences, int? length = null)
    {
        var width = Math.Max(1, length ?? sequences.Max(s => s.Length));
        var flat = new long[sequences.Count * width];
        for (var i = 0; i < sequences.Count; i++)
        {
            if (sequences[i].Length > width) throw new ArgumentException($"Sequence {i} has {sequences[i].Length} tokens, more than the padded length {width}.", nameof(sequences));
            for (var t = 0; t < sequences[i].Length; t++) flat[i * width + t] = sequences[i][t];
        }
        return torch.tensor(flat, [sequences.Count, width]);
    }

    public static double Accuracy(int[] predicted, int[] labels) =>
        labels.Length == 0 ? 0 : predicted.Zip(labels).Count(p => p.First == p.Second) / (double)labels.Length;

    public void Dispose() => _model.Dispose();
}
