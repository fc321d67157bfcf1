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

        // 3-4. Checks as boolean columns; each row's first failing check is its reason, a row none fails is accepted.
        var columns = new TypedColumns(lineColumn, raw, rawText, eventId, customerId, eventTime, quantity, unitPrice, currency, country);
        var accepted = Judge(columns, rejected);

        var typed = new DataFrame(lineColumn, eventId, customerId, eventTime, raw[3], quantity, unitPrice, currency, country);
        var result = typed.Filter(accepted);
        var input = chunk.Lines.Count;
        if (result.Rows.Count + rejected.Count != input)
            throw new InvalidOperationException($"Cleaning lost rows: {input} in, {result.Rows.Count} accepted + {rejected.Count} rejected.");
        rejected.Sort((a, b) => a.LineNumber.CompareTo(b.LineNumber));
        return new CleanedChunk(result, rejected, input);
    }

    /// <summary>
    /// Marks each row of the frame accepted or not. Each check is a boolean column ("this row fails here"), in the order
    /// reasons are reported: a missing field, then a value of the wrong type or an unreadable date, then a value out of
    /// range. A row's reason is its first failing check; a row that passes them all but repeats an event id accepted
    /// earlier (in this chunk or an earlier one) is a duplicate. Rejected rows are added to <paramref name="rejected"/>.
    /// </summary>
    private PrimitiveDataFrameColumn<bool> Judge(TypedColumns c, List<RejectedRow> rejected)
    {
        #region Exercise 1.2-1a: express each check as a boolean column, give each row its first failing reason, reject later repeats of an event id (tests: SalesFrameCleanerTests, BatchIngestionTests.Every*, BatchIngestionTests.Each*)
        var raw = c.Raw;
        var checks = new List<(PrimitiveDataFrameColumn<bool> Fails, RejectKind Kind, Func<int, string> Reason)>();
        for (var column = 0; column < raw.Length; column++)
        {
            var name = SalesCsv.Columns[column];
            checks.Add((raw[column].ElementwiseIsNull(), RejectKind.MissingField, _ => $"{name}: missing"));
        }
        checks.Add((NullButPresent(c.EventId, raw[0]), RejectKind.WrongType, i => $"event_id: '{raw[0][i]}' is not an integer"));
        checks.Add((NullButPresent(c.CustomerId, raw[1]), RejectKind.WrongType, i => $"customer_id: '{raw[1][i]}' is not an integer"));
        checks.Add((NullButPresent(c.EventTime, raw[2]), RejectKind.BadDate, i => $"event_time: '{raw[2][i]}' is not an ISO-8601 timestamp"));
        checks.Add((NullButPresent(c.Quantity, raw[4]), RejectKind.WrongType, i => $"quantity: '{raw[4][i]}' is not an integer"));
        checks.Add((NullButPresent(c.UnitPrice, raw[5]), RejectKind.WrongType, i => $"unit_price: '{raw[5][i]}' is not a decimal number"));
        checks.Add((NullButPresent(c.Currency, raw[6]), RejectKind.WrongType, i => $"currency: '{raw[6][i]}' is not a 3-letter code"));
        checks.Add((NullButPresent(c.Country, raw[7]), RejectKind.WrongType, i => $"country: '{raw[7][i]}' is not a 2-letter code"));
        checks.Add((Where(c.Quantity, q => q <= 0 || q > 1000), RejectKind.OutOfRange, i => $"quantity: {c.Quantity[i]} is outside 1 … 1000"));
        checks.Add((Where(c.UnitPrice, p => p < 0), RejectKind.OutOfRange, i => $"unit_price: {c.UnitPrice[i]} is negative"));

        var accepted = new PrimitiveDataFrameColumn<bool>("accepted", c.Line.Length);
        for (var i = 0; i < c.Line.Length; i++)
        {
            var line = c.Line[i]!.Value;
            var failed = checks.FirstOrDefault(check => check.Fails[i] == true);
            if (failed.Fails is not null)
            {
                rejected.Add(new RejectedRow(line, failed.Kind, failed.Reason(i), c.RawText[i]));
                accepted[i] = false;
                continue;
            }
            var id = c.EventId[i]!.Value;
            if (!_firstLineOfEvent.TryAdd(id, line))
            {
                rejected.Add(new RejectedRow(line, RejectKind.Duplicate, $"event_id {id} duplicates line {_firstLineOfEvent[id]}", c.RawText[i]));
                accepted[i] = false;
                continue;
            }
            accepted[i] = true;
        }
        return accepted;
        #endregion
    }

    /// <summary>The frame's columns after parsing: the raw text columns and their typed versions (nulls where parsing failed).</summary>
    private sealed record TypedColumns(
        PrimitiveDataFrameColumn<long> Line,
        StringDataFrameColumn[] Raw,
        IReadOnlyList<string> RawText,
        PrimitiveDataFrameColumn<long> EventId,
        PrimitiveDataFrameColumn<long> CustomerId,
        PrimitiveDataFrameColumn<DateTime> EventTime,
        PrimitiveDataFrameColumn<int> Quantity,
        PrimitiveDataFrameColumn<decimal> UnitPrice,
        StringDataFrameColumn Currency,
        StringDataFrameColumn Country);

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
