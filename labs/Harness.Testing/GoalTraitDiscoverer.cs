using Xunit.Abstractions;
using Xunit.Sdk;

namespace StatelessMind.Harness;

/// <summary>Turns <see cref="GoalAttribute"/> into the trait pair <c>("Goal", id)</c> for xUnit filters.</summary>
public sealed class GoalTraitDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        var id = traitAttribute.GetConstructorArguments().FirstOrDefault() as string;
        if (id is null) yield break;
        yield return new KeyValuePair<string, string>("Goal", id);
        yield return new KeyValuePair<string, string>("Section", GoalId.SectionOf(id));
    }
}
