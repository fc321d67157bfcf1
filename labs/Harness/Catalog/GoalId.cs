using System.Text.RegularExpressions;

namespace StatelessMind.Harness;

/// <summary>Goal ids are <c>&lt;section&gt;-&lt;n&gt;</c>: <c>1.1.3-2</c> is measured goal 2 of section 1.1.3.</summary>
public static partial class GoalId
{
    [GeneratedRegex(@"^\d+(\.\d+)*-\d+$")]
    private static partial Regex Shape();

    public static bool IsWellFormed(string? id) => id is not null && Shape().IsMatch(id);

    public static string SectionOf(string id) =>
        IsWellFormed(id) ? id[..id.LastIndexOf('-')] : throw new ArgumentException($"Not a goal id: '{id}'.", nameof(id));

    public static int NumberOf(string id) =>
        IsWellFormed(id) ? int.Parse(id[(id.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture)
                         : throw new ArgumentException($"Not a goal id: '{id}'.", nameof(id));

    /// <summary>Orders ids the way the curriculum does: 1.1.1-1 &lt; 1.1.1-2 &lt; 1.1.2-1 &lt; 1.2-1 &lt; 1.10-1.</summary>
    public static int Compare(string a, string b)
    {
        var pa = a.Split('.', '-').Select(int.Parse).ToArray();
        var pb = b.Split('.', '-').Select(int.Parse).ToArray();
        // The last part is the goal number; compare the section parts first, then the number.
        var sa = pa[..^1];
        var sb = pb[..^1];
        for (var i = 0; i < Math.Min(sa.Length, sb.Length); i++)
            if (sa[i] != sb[i]) return sa[i].CompareTo(sb[i]);
        if (sa.Length != sb.Length) return sa.Length.CompareTo(sb.Length);
        return pa[^1].CompareTo(pb[^1]);
    }

    public static IComparer<string> Comparer { get; } = Comparer<string>.Create(Compare);
}
