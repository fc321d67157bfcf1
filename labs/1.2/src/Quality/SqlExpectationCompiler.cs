using System.Globalization;

namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>
/// Compiles each expectation to PostgreSQL, so that the database does the work where the data lives (the way
/// Great Expectations' SQL execution engine does): a query of the failing rows, or of one observed value.
/// </summary>
public static class SqlExpectationCompiler
{
    /// <param name="table">The validated relation (<c>schema.table</c> or <c>table</c>).</param>
    /// <param name="rowKey">The column that identifies a row in the results.</param>
    /// <param name="references">Reference dataset name → relation, for <c>distribution_drift</c>.</param>
    public static CompiledExpectation Compile(Expectation expectation, string table, string rowKey, ValidationSettings settings,
        IReadOnlyDictionary<string, string>? references = null)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        ArgumentNullException.ThrowIfNull(settings);
        var t = Relation(table);
        var k = Ident(rowKey);
        string? rows = null, observed = null;
        #region Exercise 1.2-2e: push each expectation down to PostgreSQL as a query of failing rows or of one observed value (tests: SqlValidatorTests, EvaluatorAgreementTests)
        switch (expectation)
        {
            case NotNullExpectation e:
                rows = $"SELECT {k}::bigint AS key, 'null' AS value, '{e.Column} is null' AS reason FROM {t} WHERE {Ident(e.Column)} IS NULL";
                break;
            case UniqueExpectation e:
            {
                // count(*) OVER (PARTITION BY c) puts all nulls in one partition: they must be excluded explicitly.
                var c = Ident(e.Column);
                var nulls = ExpectationSemantics.NullsCollide(settings.Bug) ? "" : " AND v IS NOT NULL";
                rows = $"SELECT key, coalesce(v::text, 'null') AS value, '{e.Column} = ' || coalesce(v::text, 'null') || ' appears ' || n || ' times' AS reason " +
                       $"FROM (SELECT {k}::bigint AS key, {c} AS v, count(*) OVER (PARTITION BY {c}) AS n FROM {t}) s WHERE n > 1{nulls}";
                break;
            }
            case BetweenExpectation e:
            {
                var c = Ident(e.Column);
                var (strictMin, strictMax) = ExpectationSemantics.Bounds(e, settings.Bug);
                var low = $"{c} {(strictMin ? "<=" : "<")} {Number(e.Min)}";
                var high = $"{c} {(strictMax ? ">=" : ">")} {Number(e.Max)}";
                rows = $"SELECT {k}::bigint AS key, {c}::text AS value, '{e.Column} = ' || {c}::text || CASE WHEN {low} THEN ' is below' ELSE ' is above' END || ' the range' AS reason " +
                       $"FROM {t} WHERE {c} IS NOT NULL AND ({low} OR {high})";
                break;
            }
            case InSetExpectation e:
            {
                var c = Ident(e.Column);
                rows = $"SELECT {k}::bigint AS key, {c}::text AS value, '''' || {c}::text || ''' is not an accepted {e.Column}' AS reason " +
                       $"FROM {t} WHERE {c} IS NOT NULL AND {c}::text NOT IN ({string.Join(", ", e.Values.Select(Literal))})";
                break;
            }
            case RegexExpectation e:
            {
                var c = Ident(e.Column);
                rows = $"SELECT {k}::bigint AS key, {c}::text AS value, '''' || {c}::text || ''' does not match the pattern' AS reason " +
                       $"FROM {t} WHERE {c} IS NOT NULL AND {c}::text !~ {Literal(ExpectationSemantics.PostgresPattern(e.Pattern, settings.Bug))}";
                break;
            }
            case ColumnPairExpectation e:
            {
                var (a, b) = (Ident(e.ColumnA), Ident(e.ColumnB));
                rows = $"SELECT {k}::bigint AS key, {a}::text || ' / ' || {b}::text AS value, '{e.ColumnA} is not {e.Operator} {e.ColumnB}' AS reason " +
                       $"FROM {t} WHERE {a} IS NOT NULL AND {b} IS NOT NULL AND NOT ({a} {e.Operator} {b})";
                break;
            }
            case RowCountBetweenExpectation:
                observed = $"SELECT count(*)::float8 FROM {t}";
                break;
            case FreshnessExpectation e:
                observed = $"SELECT (extract(epoch FROM ({Literal(settings.AsOf.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00")}::timestamptz - max({Ident(e.Column)}))) / 3600)::float8 FROM {t}";
                break;
            case DistributionDriftExpectation e:
            {
                if (references is null || !references.TryGetValue(e.Reference, out var referenceTable))
                    throw new ArgumentException($"{e.Key}: the run was given no reference table for '{e.Reference}'", nameof(references));
                // Both empirical CDFs evaluated at every distinct value: cumulative counts over the merged, grouped values.
                var c = Ident(e.Column);
                observed = $"WITH a AS (SELECT {c}::float8 AS v FROM {t} WHERE {c} IS NOT NULL), " +
                           $"b AS (SELECT {c}::float8 AS v FROM {Relation(referenceTable)} WHERE {c} IS NOT NULL), " +
                           "n AS (SELECT (SELECT count(*) FROM a)::float8 AS na, (SELECT count(*) FROM b)::float8 AS nb), " +
                           "g AS (SELECT v, sum(fa) AS fa, sum(fb) AS fb FROM (SELECT v, 1 AS fa, 0 AS fb FROM a UNION ALL SELECT v, 0, 1 FROM b) m GROUP BY v), " +
                           "cdf AS (SELECT sum(fa) OVER (ORDER BY v) AS ca, sum(fb) OVER (ORDER BY v) AS cb FROM g) " +
                           "SELECT CASE WHEN n.na = 0 OR n.nb = 0 THEN NULL ELSE max(abs(ca / nullif(n.na, 0) - cb / nullif(n.nb, 0))) END::float8 FROM cdf, n GROUP BY n.na, n.nb";
                break;
            }
            default:
                throw new ArgumentException($"no SQL for {expectation.Key}", nameof(expectation));
        }
        #endregion
        return new CompiledExpectation(expectation, rows, observed);
    }

    /// <summary>A double as a SQL literal that reads back as the same double.</summary>
    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture) + "::float8";

    internal static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    internal static string Ident(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    internal static string Relation(string table) => string.Join(".", table.Split('.').Select(Ident));
}
