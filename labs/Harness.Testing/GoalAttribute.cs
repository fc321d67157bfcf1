using Xunit.Sdk;

namespace StatelessMind.Harness;

/// <summary>
/// Marks a test as verifying one measured goal of the curriculum, as the xUnit trait
/// <c>Goal=&lt;id&gt;</c>: <c>dotnet test --filter Goal=1.4-2</c> runs that goal's tests.
/// </summary>
[TraitDiscoverer("StatelessMind.Harness.GoalTraitDiscoverer", "StatelessMind.Harness.Testing")]
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true)]
public sealed class GoalAttribute : Attribute, ITraitAttribute
{
    public GoalAttribute(string id)
    {
        if (!GoalId.IsWellFormed(id))
            throw new ArgumentException($"Goal id '{id}' is not of the form <section>-<n>, e.g. 1.1.3-2.", nameof(id));
        Id = id;
    }

    public string Id { get; }
}
