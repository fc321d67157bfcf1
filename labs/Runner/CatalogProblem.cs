namespace StatelessMind.Runner;

/// <summary>Something that kept a lab's experiments from being found: its assembly is not built or does not load,
/// an experiment names an unknown goal, two experiments claim one goal.</summary>
/// <param name="Section">The lab's section id (1.4).</param>
/// <param name="Message">What went wrong and what to do.</param>
public sealed record CatalogProblem(string Section, string Message)
{
    public override string ToString() => Message;
}
