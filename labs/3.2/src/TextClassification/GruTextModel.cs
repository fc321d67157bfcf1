using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StatelessMind.Labs.MlOps.TextClassification;

/// <summary>
/// Token ids [batch, time] (right-padded with <see cref="TextTokenizer.PadId"/>) → learned embeddings (the padding id's
/// row stays zero) → a one-layer GRU read left to right → the mean of its hidden states over the real tokens →
/// a linear layer → class logits [batch, classes].
/// </summary>
public sealed class GruTextModel : nn.Module<Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly GRU gru;
    private readonly Linear output;
    private readonly TextClassificationBug _bug;

    public GruTextModel(int vocabularySize, int embeddingSize, int hiddenSize, int classes, TextClassificationBug bug = TextClassificationBug.None)
        : base(nameof(GruTextModel))
    {
        embedding = nn.Embedding(vocabularySize, embeddingSize, padding_idx: TextTokenizer.PadId);
        gru = nn.GRU(embeddingSize, hiddenSize, batchFirst: true);
        output = nn.Linear(hiddenSize, classes);
        _bug = bug;
        RegisterComponents();
    }

    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var (states, last) = gru.forward(embedding.forward(tokens));
        last.Dispose();
        var pooled = _bug == TextClassificationBug.PaddingNotMasked ? states.mean([1]) : MaskedMean(states, tokens);
        return output.forward(pooled).MoveToOuterDisposeScope();
    }

    /// <summary>The mean over time of <paramref name="states"/> [batch, time, hidden], counting only positions whose token is not padding.</summary>
    internal static Tensor MaskedMean(Tensor states, Tensor tokens)
    {
        #region Exercise 3.2-3c: average the GRU states over the real (non-padding) positions of each row; a row of padding only must not divide by zero (tests: GruTextModelTests)
        var mask = tokens.ne(TextTokenizer.PadId).unsqueeze(-1).to_type(states.dtype);
        var counts = mask.sum(1).clamp_min(1);
        return (states * mask).sum(1) / counts;
        #endregion
    }
}
