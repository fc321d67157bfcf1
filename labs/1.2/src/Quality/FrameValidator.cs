using System.Text.RegularExpressions;
using Microsoft.Data.Analysis;

namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>
/// Runs a suite over a Microsoft.Data.Analysis DataFrame, in memory: each row-level expectation yields the rows that
/// break it (with the value and the reason), each table-level one an observed value. The failing rows are reported
/// in key order, so the sample is the same one the SQL evaluation returns.
/// </summary>
public static class FrameValidator
{
    public const string Name = "DataFrame";

    public static ValidationResult Validate(ExpectationSuite suite, DataFrame frame, string dataset, ValidationSettings settings,
        IReadOnlyDictionary<string, DataFrame>? references = null)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(settings);
        var keys = Column(frame, suite.RowKey, "row_key");
        var results = new List<ExpectationResult>();
        foreach (var expectation in suite.Expectations)
        {
            if (expectation.IsRowLevel)
            {
                var failing = FindUnexpected(expectation, frame, settings.Bug)
                    .Select(f => new UnexpectedRow(Convert.ToInt64(keys[f.Row], System.Globalization.CultureInfo.InvariantCulture), f.Value, f.Reason))
                    .OrderBy(r => r.Key)
                    .ToList();
                results.Add(new ExpectationResult(expectation, failing.Count == 0, frame.Rows.Count, failing.Count, failing.Select(r => r.Key).ToList(),
                    failing.Take(settings.SampleSize).ToList(), null,
                    failing.Count == 0 ? "every row holds" : $"{failing.Count:N0} of {frame.Rows.Count:N0} rows fail"));
            }
            else
            {
                var observed = Observe(expectation, frame, settings, references ?? new Dictionary<string, DataFrame>());
                var (success, summary) = ExpectationSemantics.Judge(expectation, observed);
                results.Add(new ExpectationResult(expectation, success, frame.Rows.Count, 0, [], [], observed, summary));
            }
        }
        return new ValidationResult(suite.Name, dataset, Name, settings.AsOf, results);
    }

    /// <summary>The rows (by position) that break a row-level expectation, each with the offending value and the reason.</summary>
    internal static IEnumerable<(long Row, string Value, string Reason)> FindUnexpected(Expectation expectation, DataFrame frame, QualityBug bug)
    {
        var failing = new List<(long Row, string Value, string Reason)>();
        #region Exercise 1.2-2b: the rows that break each row-level expectation, over the DataFrame's columns (tests: FrameValidatorTests, SeededDefectTests)
        var rows = frame.Rows.Count;
        switch (expectation)
        {
            case NotNullExpectation e:
            {
                var c = Column(frame, e.Column, "column");
                for (long i = 0; i < rows; i++)
                    if (c[i] is null) failing.Add((i, "null", $"{e.Column} is null"));
                break;
            }
            case UniqueExpectation e:
            {
                var c = Column(frame, e.Column, "column");
                var collide = ExpectationSemantics.NullsCollide(bug);
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                // Values are compared by their invariant text; null gets a marker that no text can equal.
                string? KeyOf(object? v) => v is null ? collide ? "\0null" : null : ExpectationSemantics.Format(v);
                for (long i = 0; i < rows; i++)
                    if (KeyOf(c[i]) is { } k) counts[k] = counts.GetValueOrDefault(k) + 1;
                for (long i = 0; i < rows; i++)
                    if (KeyOf(c[i]) is { } k && counts[k] > 1)
                        failing.Add((i, ExpectationSemantics.Format(c[i]), $"{e.Column} = {ExpectationSemantics.Format(c[i])} appears {counts[k]} times"));
                break;
            }
            case BetweenExpectation e:
            {
                var c = Column(frame, e.Column, "column");
                var (strictMin, strictMax) = ExpectationSemantics.Bounds(e, bug);
                for (long i = 0; i < rows; i++)
                {
                    if (c[i] is not { } v) continue;
                    var x = Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture);
                    var low = strictMin ? x <= e.Min : x < e.Min;
                    var high = strictMax ? x >= e.Max : x > e.Max;
                    if (low || high)
                        failing.Add((i, ExpectationSemantics.Format(v), ExpectationSemantics.Invariant($"{e.Column} = {x} is {(low ? "below" : "above")} the range {e.Describe()}")));
                }
                break;
            }
            case InSetExpectation e:
            {
                var c = Column(frame, e.Column, "column");
                var allowed = new HashSet<string>(e.Values, StringComparer.Ordinal);
                for (long i = 0; i < rows; i++)
                    if (c[i] is { } v && !allowed.Contains(ExpectationSemantics.Format(v)))
                        failing.Add((i, ExpectationSemantics.Format(v), $"'{ExpectationSemantics.Format(v)}' is not an accepted {e.Column}"));
                break;
            }
            case RegexExpectation e:
            {
                var c = Column(frame, e.Column, "column");
                var regex = new Regex(ExpectationSemantics.DotNetPattern(e.Pattern, bug), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                for (long i = 0; i < rows; i++)
                    if (c[i] is { } v && !regex.IsMatch(ExpectationSemantics.Format(v)))
                        failing.Add((i, ExpectationSemantics.Format(v), $"'{ExpectationSemantics.Format(v)}' does not match /{e.Pattern}/"));
                break;
            }
            case ColumnPairExpectation e:
            {
                var a = Column(frame, e.ColumnA, "column_a");
                var b = Column(frame, e.ColumnB, "column_b");
                for (long i = 0; i < rows; i++)
                {
                    if (a[i] is not { } x || b[i] is not { } y) continue;
                    var order = Compare(x, y);
                    var holds = e.Operator switch
                    {
                        "<" => order < 0, "<=" => order <= 0, "=" => order == 0, "<>" => order != 0, ">=" => order >= 0, ">" => order > 0,
                        _ => throw new InvalidOperationException($"unknown operator {e.Operator}"),
                    };
                    if (!holds)
                        failing.Add((i, $"{ExpectationSemantics.Format(x)} / {ExpectationSemantics.Format(y)}",
                            $"{e.ColumnA} {ExpectationSemantics.Format(x)} is not {e.Operator} {e.ColumnB} {ExpectationSemantics.Format(y)}"));
                }
                break;
            }
            default:
                throw new ArgumentException($"{expectation.Key} is not a row-level expectation", nameof(expectation));
        }
        #endregion
        return failing;
    }

    /// <summary>The observed value of a table-level expectation: the row count, the newest timestamp's age in hours,
    /// or the KS statistic against the reference; null when there is nothing to observe.</summary>
    internal static double? Observe(Expectation expectation, DataFrame frame, ValidationSettings settings, IReadOnlyDictionary<string, DataFrame> references)
    {
        #region Exercise 1.2-2c: the observed value of row count, freshness and drift over the DataFrame (tests: FrameValidatorTests, SeededDefectTests)
        switch (expectation)
        {
            case RowCountBetweenExpectation:
                return frame.Rows.Count;
            case FreshnessExpectation e:
            {
                var c = Column(frame, e.Column, "column");
                DateTime? newest = null;
                for (long i = 0; i < frame.Rows.Count; i++)
                    if (c[i] is DateTime t && (newest is null || t > newest)) newest = t;
                return newest is { } n ? (settings.AsOf.UtcDateTime - n).TotalHours : null;
            }
            case DistributionDriftExpectation e:
            {
                if (!references.TryGetValue(e.Reference, out var reference))
                    throw new ArgumentException($"{e.Key}: the run was given no reference dataset '{e.Reference}'", nameof(references));
                var sample = Numbers(Column(frame, e.Column, "column"));
                var baseline = Numbers(Column(reference, e.Column, "column"));
                return sample.Count == 0 || baseline.Count == 0 ? null : KolmogorovSmirnov.Statistic(sample, baseline);
            }
            default:
                throw new ArgumentException($"{expectation.Key} is not a table-level expectation", nameof(expectation));
        }
        #endregion
    }

    private static List<double> Numbers(DataFrameColumn column)
    {
        var values = new List<double>((int)column.Length);
        for (long i = 0; i < column.Length; i++)
            if (column[i] is { } v) values.Add(Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture));
        return values;
    }

    private static int Compare(object x, object y) => (x, y) switch
    {
        (DateTime a, DateTime b) => a.CompareTo(b),
        (string a, string b) => string.CompareOrdinal(a, b),
        _ => Convert.ToDouble(x, System.Globalization.CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(y, System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static DataFrameColumn Column(DataFrame frame, string name, string field) =>
        frame.Columns.IndexOf(name) >= 0 ? frame.Columns[name] : throw new ArgumentException($"the suite's {field} '{name}' is not a column of the dataset ({string.Join(", ", frame.Columns.Select(c => c.Name))})");
}
