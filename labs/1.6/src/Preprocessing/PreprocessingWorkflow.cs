using StatelessMind.Labs.LearningData.Supervised;

namespace StatelessMind.Labs.LearningData.Preprocessing;

/// <summary>
/// The leak-free order of work: split first, fit the pipeline on the training rows only, then encode every part with
/// that one fitted pipeline. <see cref="LeakedStatistics"/> is the check that this holds: it alters every held-out row
/// (shifted numbers, new categories, more missing cells) and refits; a pipeline fitted on training rows alone does not
/// change, so any statistic that does change leaked from held-out rows.
/// </summary>
public static class PreprocessingWorkflow
{
    public static PreparedData Prepare(RawTable table, SplitIndices split, PreprocessingSpec spec, PreprocessingBug bug = PreprocessingBug.None)
    {
        var fitRows = bug == PreprocessingBug.FitOnAllRows ? table : table.Subset(split.Train);
        var fitted = Preprocessor.Fit(fitRows, spec);
        return new PreparedData(fitted, fitted.Transform(table.Subset(split.Train)), fitted.Transform(table.Subset(split.Validation)),
            fitted.Transform(table.Subset(split.Test)));
    }

    /// <summary>The fitted statistics that change when only held-out rows change (empty = no leak), as
    /// "column: field before → after".</summary>
    public static IReadOnlyList<string> LeakedStatistics(RawTable table, SplitIndices split, PreprocessingSpec spec, PreprocessingBug bug = PreprocessingBug.None)
    {
        var before = Prepare(table, split, spec, bug).Fitted;
        var heldOut = split.Validation.Concat(split.Test).ToHashSet();
        var numeric = spec.Columns.Where(c => c.Kind == ColumnKind.Numeric).Select(c => table.IndexOf(c.Name)).ToHashSet();
        var nominal = spec.Columns.Where(c => c.Kind == ColumnKind.Nominal).Select(c => table.IndexOf(c.Name)).ToHashSet();
        var altered = table with
        {
            Rows = [.. table.Rows.Select((row, r) => !heldOut.Contains(r) ? row : [.. row.Select((cell, c) =>
                numeric.Contains(c) ? (cell is null ? "1000" : (double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture) * 10 + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture))
                : nominal.Contains(c) ? "held-out-only category"
                : cell)])],
        };
        var after = Prepare(altered, split, spec, bug).Fitted;
        var changes = new List<string>();
        foreach (var (b, a) in before.Columns.Zip(after.Columns))
        {
            if (b.Fill.CompareTo(a.Fill) != 0) changes.Add($"{b.Name}: fill {b.Fill} → {a.Fill}");
            if (b.Center != a.Center) changes.Add($"{b.Name}: centre {b.Center} → {a.Center}");
            if (b.Scale != a.Scale) changes.Add($"{b.Name}: scale {b.Scale} → {a.Scale}");
            if (!b.Categories.SequenceEqual(a.Categories)) changes.Add($"{b.Name}: categories [{string.Join(", ", b.Categories)}] → [{string.Join(", ", a.Categories)}]");
            if (b.FillCategory != a.FillCategory) changes.Add($"{b.Name}: fill category {b.FillCategory} → {a.FillCategory}");
        }
        return changes;
    }
}
