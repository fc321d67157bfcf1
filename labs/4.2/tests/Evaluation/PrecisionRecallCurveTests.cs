using StatelessMind.Labs.Retrieval.Evaluation;

namespace StatelessMind.Labs.Retrieval.Tests.Evaluation;

[Goal("4.2-2")]
public sealed class PrecisionRecallCurveTests
{
    [Fact]
    public void Interpolated_precision_is_the_best_precision_at_or_beyond_each_recall_level()
    {
        // Relevant x, y, w of 3; ranking x z y v w: (recall, precision) = (1/3, 1), (2/3, 2/3), (1, 3/5).
        var grades = new Dictionary<string, int> { ["x"] = 1, ["y"] = 2, ["w"] = 1 };
        var points = RankingMetrics.InterpolatedPrecision(["x", "z", "y", "v", "w"], grades, RankingMetrics.ElevenPoints);
        double[] expected = [1, 1, 1, 1, 2.0 / 3, 2.0 / 3, 2.0 / 3, 0.6, 0.6, 0.6, 0.6];
        Assert.Equal(expected.Length, points.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], points[i], 12);
    }

    [Fact]
    public void Recall_levels_never_reached_have_precision_zero_and_the_curve_never_rises()
    {
        var grades = new Dictionary<string, int> { ["x"] = 1, ["y"] = 1, ["w"] = 1, ["u"] = 1 };
        var points = RankingMetrics.InterpolatedPrecision(["z", "x", "y"], grades, RankingMetrics.ElevenPoints);
        Assert.Equal(0, points[6]);
        Assert.Equal(0, points[10]);
        Assert.Equal(2.0 / 3, points[5], 12);
        for (var i = 1; i < points.Length; i++) Assert.True(points[i] <= points[i - 1]);
    }
}
