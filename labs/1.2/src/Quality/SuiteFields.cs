using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>Typed access to one expectation's JSON fields; every problem is a <see cref="SuiteFormatException"/> that
/// names the expectation and the field. Remembers which fields were read, so that a misspelt one is refused.</summary>
internal sealed class SuiteFields(JsonElement item, int index, string type, string source)
{
    private readonly HashSet<string> _read = ["type"];

    private SuiteFormatException Error(string field, string problem) => new(source, index, type, field, problem);

    private JsonElement Get(string field)
    {
        _read.Add(field);
        return item.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null ? v : throw Error(field, "missing");
    }

    public string Text(string field)
    {
        var v = Get(field);
        return v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : throw Error(field, $"expected a non-empty string, found {v.GetRawText()}");
    }

    public double Number(string field)
    {
        var v = Get(field);
        return v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d) ? d : throw Error(field, $"expected a number, found {v.GetRawText()}");
    }

    public double Positive(string field)
    {
        var d = Number(field);
        return d > 0 ? d : throw Error(field, string.Create(CultureInfo.InvariantCulture, $"expected a positive number, found {d}"));
    }

    public long Count(string field)
    {
        var v = Get(field);
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0 ? n : throw Error(field, $"expected a whole number ≥ 0, found {v.GetRawText()}");
    }

    public bool Flag(string field)
    {
        _read.Add(field);
        if (!item.TryGetProperty(field, out var v)) return false;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(field, $"expected true or false, found {v.GetRawText()}"),
        };
    }

    public IReadOnlyList<string> TextList(string field)
    {
        var v = Get(field);
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0) throw Error(field, $"expected a non-empty list of strings, found {v.GetRawText()}");
        return v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Error(field, $"expected strings only, found {e.GetRawText()}")).ToList();
    }

    public string OneOf(string field, IReadOnlyList<string> allowed)
    {
        var s = Text(field);
        return allowed.Contains(s) ? s : throw Error(field, $"'{s}' is not one of {string.Join(" ", allowed)}");
    }

    public string Pattern(string field)
    {
        var s = Text(field);
        try
        {
            _ = new Regex(s, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw Error(field, $"not a valid regular expression ({e.Message})");
        }
        return s;
    }

    public void RejectUnknown()
    {
        foreach (var p in item.EnumerateObject())
            if (!_read.Contains(p.Name)) throw Error(p.Name, "unknown field for this expectation type");
    }
}
