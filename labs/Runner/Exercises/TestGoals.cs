using System.Reflection;

namespace StatelessMind.Runner.Exercises;

/// <summary>
/// The goals of every test method of a built test assembly, read from its attributes without running it
/// (MetadataLoadContext), the way xUnit's trait discovery gives a test its <c>Goal</c> traits: the repository's
/// <c>[Goal("1.4-2")]</c> and xUnit's own <c>[Trait("Goal", "1.4-2")]</c>, on the method, its class and the class's
/// base classes. Also every test method xUnit would run (a method carrying
/// <c>[Fact]</c> or an attribute derived from it, on a public concrete class), so that a run can be checked for
/// tests that never reported a result. One run of a whole test project, sorted by goal with this, replaces one
/// filtered run per goal.
/// </summary>
public sealed class TestGoals
{
    public const string GoalAttribute = "StatelessMind.Harness.GoalAttribute";
    private const string TraitAttribute = "Xunit.TraitAttribute";
    private const string FactAttribute = "Xunit.FactAttribute";
    private static readonly IReadOnlySet<string> None = new HashSet<string>();
    private readonly Dictionary<string, IReadOnlySet<string>> _goals;

    private TestGoals(Dictionary<string, IReadOnlySet<string>> goals, IReadOnlyList<string> testMethods)
    {
        _goals = goals;
        TestMethods = testMethods;
    }

    /// <summary>Each test method as <c>Namespace.Class.Method</c> (nested classes joined with '+'), as a TRX file names it.</summary>
    public IReadOnlyList<string> TestMethods { get; }

    /// <summary>The goals of a test method (<c>Namespace.Class.Method</c>); none for an unknown name.</summary>
    public IReadOnlySet<string> Of(string method) => _goals.GetValueOrDefault(method) ?? None;

    public static TestGoals Read(string assemblyPath)
    {
        using var context = AssemblyMetadata.Open(assemblyPath, out var assembly);
        var goals = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var tests = new List<string>();
        foreach (var type in AssemblyMetadata.TypesOf(assembly).Where(t => t is { IsClass: true, IsVisible: true, IsAbstract: false, ContainsGenericParameters: false }))
        {
            var classGoals = Ancestry(type).SelectMany(t => GoalsIn(t.CustomAttributes)).ToHashSet(StringComparer.Ordinal);
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                var attributes = method.CustomAttributes.ToList();
                if (!attributes.Any(a => Ancestry(a.AttributeType).Any(t => t.FullName == FactAttribute))) continue;
                var name = $"{type.FullName}.{method.Name}";
                tests.Add(name);
                var all = new HashSet<string>(classGoals, StringComparer.Ordinal);
                all.UnionWith(GoalsIn(attributes));
                if (all.Count > 0) goals[name] = all;
            }
        }
        return new TestGoals(goals, tests.Distinct(StringComparer.Ordinal).ToList());
    }

    private static IEnumerable<Type> Ancestry(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType) yield return t;
    }

    private static IEnumerable<string> GoalsIn(IEnumerable<CustomAttributeData> attributes) =>
        attributes.Select(a => a.AttributeType.FullName switch
            {
                GoalAttribute when a.ConstructorArguments.Count == 1 => a.ConstructorArguments[0].Value as string,
                TraitAttribute when a.ConstructorArguments.Count == 2 && a.ConstructorArguments[0].Value as string == "Goal" => a.ConstructorArguments[1].Value as string,
                _ => null,
            })
            .OfType<string>();
}
