using System.Globalization;
using Microsoft.Data.Analysis;

namespace StatelessMind.Labs.Lifecycle.Batch;

/// <summary>
/// Cleans raw sales rows with Microsoft.Data.Analysis (the DataFrame in Pandas' role): the raw text becomes
/// string columns, each is parsed into a typed column where failures become nulls (Pandas'
/// <c>to_numeric(errors="coerce")</c>), checks are boolean columns combined element-wise, and
/// <see cref="DataFrame.Filter(PrimitiveDataFrameColumn{bool})"/> splits accepted from rejected. Every row
/// ends up in exactly one of the two, with the first reason it failed. Duplicates are found across
/// chunks (first occurrence wins, like <c>drop_duplicates(keep="first")</c>).
/// </summary>
public sealed class SalesFrameCleaner
{
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];
    private readonly Dictionary<long, long> _firstLineOfEvent = [];

    public CleanedChunk Clean(RawChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var rejected = new List<RejectedRow>();
        var width = SalesCsv.Columns.Length;

        // 1. Split lines; a line without exactly one field per column cannot enter the frame.
        var lineColumn = new PrimitiveDataFrameColumn<long>("line");
        var raw = SalesCsv.Columns.Select(c => new StringDataFrameColumn(c)).ToArray();
        var rawText = new List<string>();
        var fields = new List<string?>(width);
        for (var i = 0; i < chunk.Lines.Count; i++)
        {
            var text = chunk.Lines[i];
            if (!CsvLine.TrySplit(text, fields))
            {
                rejected.Add(new RejectedRow(chunk.LineNumbers[i], RejectKind.MalformedRow, "a quoted field is not closed", text));
                continue;
            }
            if (fields.Count != width)
            {
                rejected.Add(new RejectedRow(chunk.LineNumbers[i], RejectKind.MalformedRow, $"expected {width} fields, found {fields.Count}", text));
                continue;
            }
            lineColumn.Append(chunk.LineNumbers[i]);
            for (var c = 0; c < width; c++) raw[c].Append(fields[c] is { } f ? f.Trim() : null);
            rawText.Add(text);
        }

        // 2. Typed columns: nulls where the text does not parse.
        var eventId = Parse<long>(raw[0], s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null);
        var customerId = Parse<long>(raw[1], s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null);
        var eventTime = Parse<DateTime>(raw[2], s => DateTimeOffset.TryParseExact(s, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) ? v.UtcDateTime : null);
        var quantity = Parse<int>(raw[4], s => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null);
        var unitPrice = Parse<decimal>(raw[5], s => decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null);
        var currency = Normalise(raw[6], "currency", 3);
        var country = Normalise(raw[7], "country", 2);

        // 3. Checks as boolean columns, in the order their reasons are reported.
        #region Exercise 1.2-1: express each check as a boolean column (missing, wrong type, bad date, out of range)
        var checks = new List<(PrimitiveDataFrameColumn<bool> Fails, RejectKind Kind, Func<int, string> Reason)>();
        for (var c = 0; c < width; c++)
        {
            var name = SalesCsv.Columns[c];
            checks.Add((raw[c].ElementwiseIsNull(), RejectKind.MissingField, _ => $"{name}: missing"));
        }
        checks.Add((NullButPresent(eventId, raw[0]), RejectKind.WrongType, i => $"event_id: '{raw[0][i]}' is not an integer"));
        checks.Add((NullButPresent(customerId, raw[1]), RejectKind.WrongType, i => $"customer_id: '{raw[1][i]}' is not an integer"));
        checks.Add((NullButPresent(eventTime, raw[2]), RejectKind.BadDate, i => $"event_time: '{raw[2][i]}' is not an ISO-8601 timestamp"));
        checks.Add((NullButPresent(quantity, raw[4]), RejectKind.WrongType, i => $"quantity: '{raw[4][i]}' is not an integer"));
        checks.Add((NullButPresent(unitPrice, raw[5]), RejectKind.WrongType, i => $"unit_price: '{raw[5][i]}' is not a decimal number"));
        checks.Add((NullButPresent(currency, raw[6]), RejectKind.WrongType, i => $"currency: '{raw[6][i]}' is not a 3-letter code"));
        checks.Add((NullButPresent(country, raw[7]), RejectKind.WrongType, i => $"country: '{raw[7][i]}' is not a 2-letter code"));
        checks.Add((Where(quantity, q => q <= 0 || q > 1000), RejectKind.OutOfRange, i => $"quantity: {quantity[i]} is outside 1 … 1000"));
        checks.Add((Where(unitPrice, p => p < 0), RejectKind.OutOfRange, i => $"unit_price: {unitPrice[i]} is negative"));
        #endregion

        // 4. The first failing check of each row is its reason; a row no check fails is accepted.
        var accepted = new PrimitiveDataFrameColumn<bool>("accepted", lineColumn.Length);
        #region Exercise 1.2-1: give each row its first failing reason or accept it; reject later repeats of an event id
        for (var i = 0; i < lineColumn.Length; i++)
        {
            var failed = checks.FirstOrDefault(check => check.Fails[i] == true);
            if (failed.Fails is not null)
            {
                rejected.Add(new RejectedRow(lineColumn[i]!.Value, failed.Kind, failed.Reason(i), rawText[i]));
                accepted[i] = false;
                continue;
            }
            var id = eventId[i]!.Value;
            if (!_firstLineOfEvent.TryAdd(id, lineColumn[i]!.Value))
            {
                rejected.Add(new RejectedRow(lineColumn[i]!.Value, RejectKind.Duplicate, $"event_id {id} duplicates line {_firstLineOfEvent[id]}", rawText[i]));
                accepted[i] = false;
                continue;
            }
            accepted[i] = true;
        }
        #endregion

        var typed = new DataFrame(lineColumn, eventId, customerId, eventTime, raw[3], quantity, unitPrice, currency, country);
        var result = typed.Filter(accepted);
        var input = chunk.Lines.Count;
        if (result.Rows.Count + rejected.Count != input)
            throw new InvalidOperationException($"Cleaning lost rows: {input} in, {result.Rows.Count} accepted + {rejected.Count} rejected.");
        rejected.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
        return new CleanedChunk(result, rejected, input);
    }

    private static PrimitiveDataFrameColumn<T> Parse<T>(StringDataFrameColumn source, Func<string, T?> parse) where T : unmanaged
    {
        var column = new PrimitiveDataFrameColumn<T>(source.Name, source.Length);
        for (var i = 0; i < source.Length; i++)
            column[i] = source[i] is { } s ? parse(s) : null;
        return column;
    }

    /// <summary>Trims and upper-cases a code; null unless it is exactly <paramref name="length"/> ASCII letters.</summary>
    private static StringDataFrameColumn Normalise(StringDataFrameColumn source, string name, int length)
    {
        var column = new StringDataFrameColumn(name, source.Length);
        for (var i = 0; i < source.Length; i++)
        {
            var s = source[i]?.Trim().ToUpperInvariant();
            column[i] = s is not null && s.Length == length && s.All(char.IsAsciiLetterUpper) ? s : null;
        }
        return column;
    }

    private static PrimitiveDataFrameColumn<bool> NullButPresent(DataFrameColumn parsed, StringDataFrameColumn raw) =>
        (PrimitiveDataFrameColumn<bool>)parsed.ElementwiseIsNull().And(raw.ElementwiseIsNotNull());

    private static PrimitiveDataFrameColumn<bool> Where<T>(PrimitiveDataFrameColumn<T> column, Func<T, bool> predicate) where T : unmanaged
    {
        var result = new PrimitiveDataFrameColumn<bool>(column.Name + "_fails", column.Length);
        for (var i = 0; i < column.Length; i++) result[i] = column[i] is { } v && predicate(v);
        return result;
    }
}
