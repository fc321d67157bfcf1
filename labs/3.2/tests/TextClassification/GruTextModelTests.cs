using StatelessMind.Labs.MlOps.TextClassification;
using TorchSharp;

namespace StatelessMind.Labs.MlOps.Tests.TextClassification;

[Goal("3.2-3")]
public sealed class GruTextModelTests
{
    private static GruTextModel Model(TextClassificationBug bug = TextClassificationBug.None)
    {
        torch.set_num_threads(1);
        torch.manual_seed(11);
        var model = new GruTextModel(vocabularySize: 12, embeddingSize: 6, hiddenSize: 5, classes: 3, bug);
        model.eval();
        return model;
    }

    [Fact]
    public void The_model_maps_a_padded_batch_to_one_row_of_logits_per_text()
    {
        using var model = Model();
        using var tokens = GruTextClassifier.Pad([[2, 3, 4], [5], [6, 7, 8, 9, 10]]);
        using var logits = model.forward(tokens);
        Assert.Equal([3L, 3L], logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
    }

    [Fact]
    public void Logits_do_not_depend_on_how_much_padding_follows_the_text()
    {
        using var model = Model();
        int[][] sequences = [[2, 3, 4], [5, 6]];
        using var tight = model.forward(GruTextClassifier.Pad(sequences));
        using var loose = model.forward(GruTextClassifier.Pad(sequences, length: 12));
        Assert.True(tight.allclose(loose, rtol: 1e-5, atol: 1e-6), "padding changed the logits");
    }

    [Fact]
    public void The_masked_mean_averages_only_real_positions_and_survives_a_row_of_padding()
    {
        using var states = torch.tensor(new float[] { 1, 10, 3, 30, 100, 1000, /* row 2 */ 7, 7, 7, 7, 7, 7 }, [2, 3, 2]);
        using var tokens = torch.tensor(new long[] { 4, 5, 0, 0, 0, 0 }, [2, 3]);
        using var mean = GruTextModel.MaskedMean(states, tokens);
        Assert.Equal([2f, 20f, 0f, 0f], mean.data<float>().ToArray());
    }
}
