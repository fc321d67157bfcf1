using System.Text.Json;

namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>
/// An expectation suite as stored in JSON: a name, the column that identifies a row in reports, and the expectations.
/// <code>
/// { "suite": "orders", "row_key": "row_id",
///   "expectations": [ { "type": "not_null", "column": "customer_id" },
///                     { "type": "between", "column": "amount", "min": 0, "max": 10000 } ] }
/// </code>
/// Anything malformed is a <see cref="SuiteFormatException"/> naming the expectation and the field.
/// </summary>
public sealed record ExpectationSuite(string Name, string RowKey, IReadOnlyList<Expectation> Expectations)
{
    public static ExpectationSuite Load(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    public static ExpectationSuite Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new SuiteFormatException(source, null, null, null, $"not valid JSON ({e.Message})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new SuiteFormatException(source, null, null, null, "the suite must be a JSON object");
            var name = TopLevelText(root, "suite", source);
            var rowKey = TopLevelText(root, "row_key", source);
            if (!root.TryGetProperty("expectations", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new SuiteFormatException(source, null, null, "expectations", "expected a list of expectations");
            var expectations = new List<Expectation>();
            var index = 0;
            foreach (var item in list.EnumerateArray())
            {
                var expectation = ParseExpectation(item, index, source);
                if (expectations.Any(e => e.Key == expectation.Key))
                    throw new SuiteFormatException(source, index, expectation.Type, null, $"{expectation.Key} appears twice");
                expectations.Add(expectation);
                index++;
            }
            return new ExpectationSuite(name, rowKey, expectations);
        }
    }

    private static string TopLevelText(JsonElement root, string field, string source) =>
        root.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s
            : throw new SuiteFormatException(source, null, null, field, "expected a non-empty string");

    /// <summary>One element of "expectations": its "type" chooses the record, whose fields must all be present and typed.</summary>
    internal static Expectation ParseExpectation(JsonElement item, int index, string source)
    {
        #region Exercise 1.2-2a: read one expectation from JSON, a typed error naming the expectation and the field (tests: SuiteParsingTests)
        if (item.ValueKind != JsonValueKind.Object) throw new SuiteFormatException(source, index, null, null, "expected an object");
        if (!item.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            throw new SuiteFormatException(source, index, null, "type", "missing or not a string");
        var type = typeElement.GetString()!;
        var fields = new SuiteFields(item, index, type, source);
        Expectation expectation = type switch
        {
            "not_null" => new NotNullExpectation(fields.Text("column")),
            "unique" => new UniqueExpectation(fields.Text("column")),
            "between" => new BetweenExpectation(fields.Text("column"), fields.Number("min"), fields.Number("max"),
                fields.Flag("strict_min"), fields.Flag("strict_max")),
            "in_set" => new InSetExpectation(fields.Text("column"), fields.TextList("values")),
            "regex" => new RegexExpectation(fields.Text("column"), fields.Pattern("pattern")),
            "row_count_between" => new RowCountBetweenExpectation(fields.Count("min"), fields.Count("max")),
            "column_pair" => new ColumnPairExpectation(fields.Text("column_a"), fields.OneOf("operator", ColumnPairExpectation.Operators), fields.Text("column_b")),
            "freshness" => new FreshnessExpectation(fields.Text("column"), fields.Positive("max_age_hours")),
            "distribution_drift" => new DistributionDriftExpectation(fields.Text("column"), fields.Text("reference"), fields.Positive("max_ks")),
            _ => throw new SuiteFormatException(source, index, type, "type",
                "unknown expectation type; known: not_null, unique, between, in_set, regex, row_count_between, column_pair, freshness, distribution_drift"),
        };
        var (min, max, minField, maxField) = expectation switch
        {
            BetweenExpectation b => (b.Min, b.Max, "min", "max"),
            RowCountBetweenExpectation r => ((double)r.Min, (double)r.Max, "min", "max"),
            _ => (0d, 0d, "", ""),
        };
        if (min > max) throw new SuiteFormatException(source, index, type, maxField, $"{maxField} is below {minField}");
        fields.RejectUnknown();
        return expectation;
        #endregion
    }
}
