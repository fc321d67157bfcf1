using System.Text.Json;

namespace StatelessMind.Labs.MlOps.Serving;

/// <summary>The training data's mean and standard deviation per feature: what the server compares live inputs with.</summary>
public sealed record FeatureBaseline(IReadOnlyList<string> Names, IReadOnlyList<double> Means, IReadOnlyList<double> StandardDeviations)
{
    public static FeatureBaseline Of(IReadOnlyList<IrisRow> rows)
    {
        var means = new double[IrisData.FeatureCount];
        var stds = new double[IrisData.FeatureCount];
        for (var f = 0; f < IrisData.FeatureCount; f++)
        {
            var values = rows.Select(r => (double)r.Features[f]).ToArray();
            means[f] = values.Average();
            stds[f] = Math.Sqrt(values.Sum(v => (v - means[f]) * (v - means[f])) / (values.Length - 1));
        }
        return new FeatureBaseline(IrisData.FeatureNames, means, stds);
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this));

    public static FeatureBaseline Load(string path) =>
        JsonSerializer.Deserialize<FeatureBaseline>(File.ReadAllText(path)) ?? throw new FormatException($"{path} holds no feature baseline.");
}
