using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace StatelessMind.Labs.Transformation.Project;

/// <summary>YAML as plain values: string-keyed dictionaries, lists, and scalars read as long, double, bool, null or string.</summary>
internal static class Yaml
{
    public static Dictionary<string, object?> LoadMapping(string path, string? text = null)
    {
        text ??= System.IO.File.ReadAllText(path);
        object? raw;
        try
        {
            raw = new DeserializerBuilder().Build().Deserialize<object?>(text);
        }
        catch (YamlException e)
        {
            throw new DbtProjectException(path, $"line {e.Start.Line}: {e.Message}");
        }
        return Convert(raw) as Dictionary<string, object?> ?? (raw is null ? new Dictionary<string, object?>() : throw new DbtProjectException(path, "expected a mapping at the top"));
    }

    public static object? Convert(object? raw) => raw switch
    {
        IDictionary<object, object?> d => d.ToDictionary(kv => kv.Key.ToString()!, kv => Convert(kv.Value), StringComparer.Ordinal),
        IList<object?> l => l.Select(Convert).ToList(),
        string s => Scalar(s),
        _ => raw,
    };

    private static object? Scalar(string s) =>
        s is "true" or "True" ? true
        : s is "false" or "False" ? false
        : s is "null" or "~" ? null
        : long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l
        : double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && s.Contains('.', StringComparison.Ordinal) ? d
        : s;

    public static string? Text(this Dictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var v) && v is not null ? System.Convert.ToString(v, CultureInfo.InvariantCulture) : null;

    public static Dictionary<string, object?> Map(this Dictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var v) && v is Dictionary<string, object?> d ? d : new Dictionary<string, object?>(StringComparer.Ordinal);

    public static List<object?> List(this Dictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var v) && v is List<object?> l ? l : [];
}
