using System.Collections;
using System.Globalization;
using System.Text;

namespace StatelessMind.Labs.Transformation.Jinja;

/// <summary>Python's semantics for the values a template handles: truth, text, equality, order and arithmetic.</summary>
internal static class JinjaValues
{
    public static bool Truthy(object? v) => v switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        long l => l != 0,
        int i => i != 0,
        double d => d != 0,
        decimal m => m != 0,
        ICollection c => c.Count > 0,
        _ => true,
    };

    public static bool IsNumber(object? v) => v is long or int or double or decimal;

    public static double ToDouble(object? v) => v switch
    {
        long l => l,
        int i => i,
        double d => d,
        decimal m => (double)m,
        bool b => b ? 1 : 0,
        _ => throw new JinjaCallException($"{Repr(v)} is not a number"),
    };

    public static object? Normalise(object? v) => v switch
    {
        int i => (long)i,
        decimal m => (double)m,
        _ => v,
    };

    public static string Str(object? v) => v switch
    {
        null => "None",
        string s => s,
        bool b => b ? "True" : "False",
        long or int => Convert.ToString(v, CultureInfo.InvariantCulture)!,
        double d => d == Math.Floor(d) && Math.Abs(d) < 1e15 ? d.ToString("0.0", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IDictionary or IList => Repr(v),
        _ => v.ToString() ?? "",
    };

    public static string Repr(object? v)
    {
        switch (v)
        {
            case string s:
                return "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
            case IDictionary d:
            {
                var sb = new StringBuilder("{");
                var first = true;
                foreach (DictionaryEntry e in d)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    sb.Append(Repr(e.Key)).Append(": ").Append(Repr(e.Value));
                }
                return sb.Append('}').ToString();
            }
            case IList l:
                return "[" + string.Join(", ", l.Cast<object?>().Select(Repr)) + "]";
            default:
                return Str(v);
        }
    }

    public static bool ValueEquals(object? a, object? b)
    {
        if (IsNumber(a) && IsNumber(b)) return ToDouble(a) == ToDouble(b);
        if (a is IList la && b is IList lb)
            return la.Count == lb.Count && Enumerable.Range(0, la.Count).All(i => ValueEquals(la[i], lb[i]));
        return object.Equals(a, b);
    }

    public static int Compare(object? a, object? b)
    {
        if (IsNumber(a) && IsNumber(b)) return ToDouble(a).CompareTo(ToDouble(b));
        if (a is string sa && b is string sb) return string.CompareOrdinal(sa, sb);
        throw new JinjaCallException($"cannot order {Repr(a)} and {Repr(b)}");
    }

    public static bool Contains(object? container, object? item) => container switch
    {
        string s when item is string sub => s.Contains(sub, StringComparison.Ordinal),
        IDictionary d => item is not null && d.Contains(item),
        IList l => l.Cast<object?>().Any(x => ValueEquals(x, item)),
        _ => throw new JinjaCallException($"'in' needs a string, list or dict, not {Repr(container)}"),
    };

    public static IEnumerable<object?> Iterate(object? v) => v switch
    {
        string s => s.Select(c => (object?)c.ToString()),
        IDictionary d => d.Keys.Cast<object?>(),
        IEnumerable e => e.Cast<object?>(),
        _ => throw new JinjaCallException($"{Repr(v)} cannot be iterated"),
    };

    public static object? Arithmetic(string op, object? a, object? b)
    {
        if (op == "+" && a is string sa && b is string sb) return sa + sb;
        if (op == "+" && a is IList la && b is IList lb) return la.Cast<object?>().Concat(lb.Cast<object?>()).ToList();
        if (!IsNumber(a) || !IsNumber(b)) throw new JinjaCallException($"'{op}' needs numbers, not {Repr(a)} and {Repr(b)}");
        a = Normalise(a);
        b = Normalise(b);
        if (a is long x && b is long y)
        {
            return op switch
            {
                "+" => (object)(x + y),
                "-" => (object)(x - y),
                "*" => (object)(x * y),
                "/" => y == 0 ? throw new JinjaCallException("division by zero") : (object)((double)x / y),
                "//" => y == 0 ? throw new JinjaCallException("division by zero") : (object)(long)Math.Floor((double)x / y),
                "%" => y == 0 ? throw new JinjaCallException("division by zero") : (object)(((x % y) + y) % y),
                _ => throw new JinjaCallException($"unknown operator '{op}'"),
            };
        }
        double p = ToDouble(a), q = ToDouble(b);
        return op switch
        {
            "+" => p + q,
            "-" => p - q,
            "*" => p * q,
            "/" => p / q,
            "//" => Math.Floor(p / q),
            "%" => p - q * Math.Floor(p / q),
            _ => throw new JinjaCallException($"unknown operator '{op}'"),
        };
    }
}
