using System.Reflection;

namespace StatelessMind.Runner.Exercises;

/// <summary>
/// The public surface of a built assembly, read without loading it for execution (MetadataLoadContext): one line per
/// visible type (its kind, base type and interfaces) and per public or protected member (its signature).
/// A skeleton must have the same surface as the solution: stubs change bodies, never signatures.
/// </summary>
public static class PublicApiSurface
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    public static IReadOnlyList<string> Read(string assemblyPath)
    {
        using var context = AssemblyMetadata.Open(assemblyPath, out var assembly);
        var types = AssemblyMetadata.TypesOf(assembly);
        var lines = new List<string>();
        foreach (var type in types.Where(t => t.IsVisible))
        {
            lines.Add(Describe(type));
            foreach (var member in type.GetMembers(Declared).Where(IsVisible))
                lines.Add($"  {type.FullName}::{member.MemberType} {member}");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>Lines only in <paramref name="solution"/> (prefixed '-') and only in <paramref name="skeleton"/> ('+').</summary>
    public static IReadOnlyList<string> Difference(IReadOnlyList<string> solution, IReadOnlyList<string> skeleton) =>
        solution.Except(skeleton, StringComparer.Ordinal).Select(l => "- " + l.Trim())
            .Concat(skeleton.Except(solution, StringComparer.Ordinal).Select(l => "+ " + l.Trim()))
            .ToList();

    private static string Describe(Type type)
    {
        var kind = type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class"
            : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";
        var bases = new List<string>();
        if (type.BaseType is { } b && b.FullName is not ("System.Object" or "System.ValueType" or "System.Enum")) bases.Add(b.ToString());
        bases.AddRange(type.GetInterfaces().Select(i => i.ToString()).Order(StringComparer.Ordinal));
        return $"{kind} {type.FullName}{(bases.Count > 0 ? " : " + string.Join(", ", bases) : "")}";
    }

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase m => (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly) && !(m.IsSpecialName && m is MethodInfo && (m.Name.StartsWith("get_", StringComparison.Ordinal)
            || m.Name.StartsWith("set_", StringComparison.Ordinal) || m.Name.StartsWith("add_", StringComparison.Ordinal) || m.Name.StartsWith("remove_", StringComparison.Ordinal))),
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        PropertyInfo p => p.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
        EventInfo e => e.AddMethod is { } add && (add.IsPublic || add.IsFamily || add.IsFamilyOrAssembly),
        _ => false, // nested types are listed as types of their own
    };
}
