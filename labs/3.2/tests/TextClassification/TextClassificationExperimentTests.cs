using StatelessMind.Labs.MlOps.TextClassification;

namespace StatelessMind.Labs.MlOps.Tests.TextClassification;

public sealed class TextClassificationExperimentTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("3.2-3")]
    public async Task Both_models_beat_the_majority_class_and_the_tokenizer_reloads_identically()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new TextClassificationExperiment(), output);
        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Single(finding.Plots);
        Assert.Contains(finding.Figures, f => f.Name == "GRU test accuracy");
    }
}
