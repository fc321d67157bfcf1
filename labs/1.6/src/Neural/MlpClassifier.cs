using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StatelessMind.Labs.LearningData.Neural;

/// <summary>
/// A small multilayer perceptron in TorchSharp (Keras' role): input → Linear → ReLU → Linear → class logits, trained
/// full-batch with Adam on the cross-entropy loss. Deterministic for a seed: weights are initialised from
/// <c>torch.manual_seed</c> and libtorch runs on one thread. <see cref="Save"/>/<see cref="Load"/> keep the weights.
/// </summary>
public sealed class MlpClassifier : IDisposable
{
    // torch.manual_seed sets one generator for the whole process: two networks initialised at once on two threads would
    // draw each other's numbers, so seeding and initialising happen under one lock.
    private static readonly Lock SeedGate = new();

    private readonly Sequential _network;

    private MlpClassifier(int inputs, int hidden, int classes, long seed)
    {
        torch.set_num_threads(1);
        Inputs = inputs;
        Hidden = hidden;
        Classes = classes;
        lock (SeedGate)
        {
            torch.manual_seed(seed);
            _network = nn.Sequential(("hidden", nn.Linear(inputs, hidden)), ("relu", nn.ReLU()), ("output", nn.Linear(hidden, classes)));
        }
    }

    public int Inputs { get; }
    public int Hidden { get; }
    public int Classes { get; }

    /// <summary>The mean cross-entropy of the training rows after each epoch.</summary>
    public List<double> LossHistory { get; } = [];

    /// <summary>Builds a network of the given shape and trains it on <paramref name="features"/> (one row each) and class indices.</summary>
    public static MlpClassifier Train(float[][] features, int[] labels, int classes, MlpOptions options)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length == 0 || features.Length != labels.Length)
            throw new ArgumentException($"{features.Length} rows and {labels.Length} labels: one label per row, at least one row.");
        if (labels.Any(l => l < 0 || l >= classes)) throw new ArgumentException($"Labels must lie in 0…{classes - 1}.", nameof(labels));
        var model = new MlpClassifier(features[0].Length, options.Hidden, classes, options.Seed);
        using var x = ToTensor(features);
        using var y = torch.tensor(labels.Select(l => (long)l).ToArray());
        using var optimizer = torch.optim.Adam(model._network.parameters(), options.LearningRate, weight_decay: options.WeightDecay);
        model._network.train();
        model.Fit(x, y, optimizer, options.Epochs);
        model._network.eval();
        return model;
    }

    private void Fit(Tensor x, Tensor y, optim.Optimizer optimizer, int epochs)
    {
        #region Exercise 1.6-2d: one full-batch step per epoch: zero the gradients, forward, cross-entropy against the labels, backward, step; record each epoch's loss (tests: MlpClassifierTests)
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(_network.forward(x), y);
            loss.backward();
            optimizer.step();
            LossHistory.Add(loss.item<float>());
        }
        #endregion
    }

    /// <summary>The most probable class of each row.</summary>
    public int[] Predict(float[][] features)
    {
        if (features.Length == 0) return [];
        if (features[0].Length != Inputs) throw new ArgumentException($"The network takes {Inputs} features, the rows have {features[0].Length}.", nameof(features));
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var predicted = _network.forward(ToTensor(features)).argmax(1);
        return [.. predicted.data<long>().Select(p => (int)p)];
    }

    public static double Accuracy(int[] predicted, int[] labels) =>
        predicted.Zip(labels).Count(p => p.First == p.Second) / (double)labels.Length;

    public void Save(string path) => _network.save(path);

    /// <summary>A network of the given shape with the weights saved at <paramref name="path"/>.</summary>
    public static MlpClassifier Load(string path, int inputs, int hidden, int classes)
    {
        var model = new MlpClassifier(inputs, hidden, classes, seed: 0);
        model._network.load(path);
        model._network.eval();
        return model;
    }

    public void Dispose() => _network.Dispose();

    private static Tensor ToTensor(float[][] rows)
    {
        var flat = new float[rows.Length * rows[0].Length];
        for (var i = 0; i < rows.Length; i++) rows[i].CopyTo(flat, i * rows[0].Length);
        return torch.tensor(flat, [rows.Length, rows[0].Length]);
    }
}
