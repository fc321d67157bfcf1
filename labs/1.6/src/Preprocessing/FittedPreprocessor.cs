using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StatelessMind.Labs.LearningData.Preprocessing;

/// <summary>
/// A fitted preprocessing pipeline: what every column learned from the training rows, and the one function that turns a
/// raw row into the model's feature vector. Training, validation, test and inference rows all go through
/// <see cref="Transform"/>, and the serialized form (<see cref="ToJson"/>) reloads to the very same state, so a row is
/// encoded identically wherever it is encoded.
/// </summary>
public sealed record FittedPreprocessor(NumericScaling Scaling, UnseenCategoryPolicy Unseen, IReadOnlyList<FittedColumn> Columns)
{
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // NaN fills of categorical columns
    };

    public int OutputWidth => Columns.Sum(c => c.Width);

    /// <summary>The name of each output feature: the column, or <c>column=category</c> for a one-hot feature.</summary>
    public IReadOnlyList<string> OutputNames =>
        [.. Columns.SelectMany(c => c.Kind == ColumnKind.Nominal ? c.Categories.Select(v => $"{c.Name}={v}") : [c.Name])];

    public float[][] Transform(RawTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var indices = Columns.Select(c => table.IndexOf(c.Name)).ToArray();
        return [.. table.Rows.Select((row, r) => TransformRow(row, indices, r))];
    }

    /// <summary>Encodes one row; <paramref name="indices"/> gives each fitted column's position in the row.</summary>
    internal float[] TransformRow(string?[] row, int[] indices, int rowNumber)
    {
        var output = new float[OutputWidth];
        var at = 0;
        for (var k = 0; k < Columns.Count; k++)
        {
            var column = Columns[k];
            var cell = row[indices[k]];
            at += Encode(column, cell, rowNumber, output.AsSpan(at, column.Width));
        }
        return output;
    }

    private int Encode(FittedColumn column, string? cell, int rowNumber, Span<float> output)
    {
        #region Exercise 1.6-2c: impute then scale a number, one-hot a nominal value (unseen: all zeros or an error, per the policy), code an ordinal level as index over levels minus one (tests: TransformTests)
        switch (column.Kind)
        {
            case ColumnKind.Numeric:
                var value = cell is null ? column.Fill
                    : double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v
                    : throw new PreprocessingInputException(column.Name, rowNumber, $"'{cell}' is not a number");
                output[0] = (float)((value - column.Center) / column.Scale);
                return 1;
            case ColumnKind.Nominal:
                var category = cell ?? column.FillCategory!;
                var index = IndexOf(column.Categories, category);
                if (index >= 0) output[index] = 1;
                else if (Unseen == UnseenCategoryPolicy.Error)
                    throw new PreprocessingInputException(column.Name, rowNumber, $"'{category}' was not seen in training (known: {string.Join(", ", column.Categories)})");
                return column.Categories.Count;
            default:
                var level = IndexOf(column.Categories, cell ?? column.FillCategory!);
                if (level < 0)
                    throw new PreprocessingInputException(column.Name, rowNumber, $"'{cell}' is not one of the declared levels ({string.Join(", ", column.Categories)})");
                output[0] = column.Categories.Count == 1 ? 0 : level / (float)(column.Categories.Count - 1);
                return 1;
        }
        #endregion
    }

    private static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
            if (values[i] == value) return i;
        return -1;
    }

    public string ToJson() => JsonSerializer.Serialize(new Serialized(FormatVersion, this), Json);

    /// <summary>Reloads <see cref="ToJson"/>'s output; anything else is a <see cref="PreprocessorFormatException"/> naming the field.</summary>
    public static FittedPreprocessor FromJson(string json)
    {
        Serialized? document;
        try
        {
            document = JsonSerializer.Deserialize<Serialized>(json, Json);
        }
        catch (JsonException e)
        {
            throw new PreprocessorFormatException(e.Path ?? "$", $"valid JSON of a fitted preprocessor ({e.Message})", e);
        }
        if (document is null) throw new PreprocessorFormatException("$", "an object");
        if (document.Format != FormatVersion) throw new PreprocessorFormatException("$.format", $"{FormatVersion}, found {document.Format}");
        var pipeline = document.Pipeline ?? throw new PreprocessorFormatException("$.pipeline", "the fitted pipeline");
        if (pipeline.Columns is null || pipeline.Columns.Count == 0) throw new PreprocessorFormatException("$.pipeline.columns", "at least one column");
        for (var i = 0; i < pipeline.Columns.Count; i++)
        {
            var c = pipeline.Columns[i];
            var at = $"$.pipeline.columns[{i}]";
            if (string.IsNullOrEmpty(c.Name)) throw new PreprocessorFormatException($"{at}.name", "a column name");
            if (c.Kind == ColumnKind.Numeric && !(double.IsFinite(c.Fill) && double.IsFinite(c.Center) && double.IsFinite(c.Scale) && c.Scale != 0))
                throw new PreprocessorFormatException($"{at}", "finite fill and centre and a non-zero finite scale");
            if (c.Kind != ColumnKind.Numeric && (c.Categories is not { Count: > 0 } || c.FillCategory is null || !c.Categories.Contains(c.FillCategory)))
                throw new PreprocessorFormatException($"{at}.categories", "a non-empty category list that holds fillCategory");
        }
        return pipeline;
    }

    /// <summary>Value equality over the columns' contents (records compare lists by reference).</summary>
    public bool SameStateAs(FittedPreprocessor other) => ToJson() == other.ToJson();

    private sealed record Serialized(int Format, FittedPreprocessor? Pipeline);
}
