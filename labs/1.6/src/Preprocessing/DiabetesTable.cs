using System.Globalization;
using StatelessMind.Labs.LearningData.Data;

namespace StatelessMind.Labs.LearningData.Preprocessing;

/// <summary>
/// The real diabetes data (scikit-learn's raw, unscaled file) as a raw table with the column kinds preprocessing has to
/// handle: age as an ordinal band, sex as a nominal category, eight numeric measurements on very different scales
/// (BMI ≈ 25, total cholesterol ≈ 190, a log-triglyceride ≈ 4.6). The data has no missing values, so some are made:
/// each measurement and sex cell is blanked independently with probability <c>missingFraction</c> (seeded) — values
/// missing completely at random, the law the imputation is exercised under.
/// </summary>
public static class DiabetesTable
{
    public static readonly string[] AgeBands = ["under 30", "30-39", "40-49", "50-59", "60-69", "70 and over"];
    public static readonly string[] Measurements = ["bmi", "bp", "s1 tc", "s2 ldl", "s3 hdl", "s4 tch", "s5 ltg", "s6 glu"];

    public static PreprocessingSpec Spec(NumericScaling scaling = NumericScaling.Standardize) =>
        new([ColumnSpec.Ordinal("age band", AgeBands), ColumnSpec.Nominal("sex"), .. Measurements.Select(ColumnSpec.Numeric)], scaling);

    /// <summary>The table and, per row, the disease progression a year later (the target).</summary>
    public static (RawTable Table, float[] Progression) Load(double missingFraction, int seed)
    {
        var data = SklearnDatasets.Diabetes();
        var random = new Random(seed);
        var rows = data.Features.Select(f =>
        {
            var row = new string?[2 + Measurements.Length];
            row[0] = AgeBands[Math.Clamp(((int)f[0] - 20) / 10 + 1, 0, AgeBands.Length - 1)];
            row[1] = random.NextDouble() < missingFraction ? null : ((int)f[1]).ToString(CultureInfo.InvariantCulture);
            for (var m = 0; m < Measurements.Length; m++)
                row[2 + m] = random.NextDouble() < missingFraction ? null : f[2 + m].ToString("R", CultureInfo.InvariantCulture);
            return row;
        }).ToArray();
        return (new RawTable(["age band", "sex", .. Measurements], rows), data.Targets);
    }
}
