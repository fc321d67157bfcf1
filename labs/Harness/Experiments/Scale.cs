namespace StatelessMind.Harness.Experiments;

/// <summary>How big an experiment runs: small (seconds, used by tests and CI) or full (the realistic size of <c>make run</c>).</summary>
public enum Scale
{
    Small,
    Full,
}
