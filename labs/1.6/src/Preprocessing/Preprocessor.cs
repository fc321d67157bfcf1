using System.Globalization;

namespace StatelessMind.Labs.LearningData.Preprocessing;

/// <summary>
/// Fits a <see cref="FittedPreprocessor"/> on training rows: for each column the statistics its encoding needs
/// (medians, means, deviations, ranges, vocabularies, most frequent values). Whatever rows it is given are the rows it
/// learns from — so it must only ever be given training rows (<see cref="PreprocessingWorkflow"/> does that).
/// </summary>
public static class Preprocessor
{
    public static FittedPreprocessor Fit(RawTable train, PreprocessingSpec spec)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(spec);
        if (train.Count == 0) throw new ArgumentException("A preprocessor cannot be fitted on no rows.", nameof(train));
        var columns = spec.Columns.Select(c =>
        {
            var index = train.IndexOf(c.Name);
            var cells = train.Rows.Select(r => r[index]).ToList();
            return c.Kind switch
            {
                ColumnKind.Numeric => FitNumeric(c.Name, ParseNumbers(c.Name, cells), spec.Scaling),
                ColumnKind.Nominal => FitCategorical(c.Name, ColumnKind.Nominal, cells, levels: null),
                ColumnKind.Ordinal => FitCategorical(c.Name, ColumnKind.Ordinal, cells,
                    c.Levels is { Count: > 0 } levels ? levels : throw new PreprocessingInputException(c.Name, -1, "an ordinal column must declare its levels")),
                _ => throw new ArgumentOutOfRangeException(nameof(spec), c.Kind, "unknown column kind"),
            };
        }).ToList();
        return new FittedPreprocessor(spec.Scaling, spec.Unseen, columns);
    }

    /// <summary>Numeric statistics from the non-missing values (NaN = missing): the median to impute, then mean and
    /// population standard deviation, or min and range. A constant column gets scale 1 (it maps to 0, not to NaN).</summary>
    internal static FittedColumn FitNumeric(string name, IReadOnlyList<double> values, NumericScaling scaling)
    {
        #region Exercise 1.6-2a: from the non-missing training values, the median (for imputation) and the centre and scale of the chosen scaling; a constant column gets scale 1 (tests: NumericFitTests)
        var present = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (present.Length == 0) throw new PreprocessingInputException(name, -1, "every training value is missing: nothing to fit");
        var mid = present.Length / 2;
        var median = present.Length % 2 == 1 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
        double center, scale;
        if (scaling == NumericScaling.Standardize)
        {
            center = present.Average();
            var mean = center;
            scale = Math.Sqrt(present.Sum(v => (v - mean) * (v - mean)) / present.Length);
        }
        else
        {
            center = present[0];
            scale = present[^1] - present[0];
        }
        if (scale == 0) scale = 1;
        return new FittedColumn(name, ColumnKind.Numeric, median, center, scale, [], null);
        #endregion
    }

    /// <summary>Categorical statistics from the non-missing cells: the vocabulary (sorted, ordinal comparison) or the
    /// declared levels, and the most frequent value to impute (the first in that order on a tie).</summary>
    internal static FittedColumn FitCategorical(string name, ColumnKind kind, IReadOnlyList<string?> cells, IReadOnlyList<string>? levels)
    {
        #region Exercise 1.6-2b: the sorted vocabulary (or the declared levels) and the most frequent training value; a training value outside declared levels is an error (tests: CategoricalFitTests)
        var present = cells.Where(c => c is not null).Select(c => c!).ToList();
        if (present.Count == 0) throw new PreprocessingInputException(name, -1, "every training value is missing: nothing to fit");
        IReadOnlyList<string> categories = levels ?? [.. present.Distinct().Order(StringComparer.Ordinal)];
        if (levels is not null && present.FirstOrDefault(v => !levels.Contains(v)) is { } stray)
            throw new PreprocessingInputException(name, cells.ToList().IndexOf(stray), $"'{stray}' is not one of the declared levels ({string.Join(", ", levels)})");
        var counts = present.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        var fill = categories.Where(counts.ContainsKey).OrderByDescending(c => counts[c]).First();
        return new FittedColumn(name, kind, double.NaN, 0, 1, categories, fill);
        #endregion
    }

    /// <summary>Parses a numeric column's cells (null = missing = NaN); a cell that is not a number is a typed error.</summary>
    internal static List<double> ParseNumbers(string column, IReadOnlyList<string?> cells) =>
        [.. cells.Select((c, row) => c is null ? double.NaN
            : double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
            : throw new PreprocessingInputException(column, row, $"'{c}' is not a number"))];
}
