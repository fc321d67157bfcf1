using StatelessMind.Labs.MlOps.TextClassification;

namespace StatelessMind.Labs.MlOps.Tests.TextClassification;

/// <summary>Small hand-made corpora for the component tests.</summary>
internal static class TextFixtures
{
    /// <summary>Texts of three categories with different sizes (30, 20, 10), each text unique.</summary>
    public static IReadOnlyList<FortuneText> Unbalanced() =>
    [
        .. Enumerable.Range(0, 30).Select(i => new FortuneText($"compiler bug number {i} in the kernel", "computers")),
        .. Enumerable.Range(0, 20).Select(i => new FortuneText($"the senate voted {i} times on the tax", "politics")),
        .. Enumerable.Range(0, 10).Select(i => new FortuneText($"a song of love and rain, verse {i}", "songs")),
    ];

    /// <summary>Two token-id patterns that a sequence model can tell apart: class 0 uses ids 2–4, class 1 ids 5–7, with varied lengths.</summary>
    public static (List<int[]> Sequences, int[] Labels) TwoPatterns(int count)
    {
        var random = new Random(3);
        var sequences = new List<int[]>();
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = i % 2;
            var length = random.Next(2, 9);
            sequences.Add([.. Enumerable.Range(0, length).Select(_ => labels[i] == 0 ? random.Next(2, 5) : random.Next(5, 8))]);
        }
        return (sequences, labels);
    }
}
