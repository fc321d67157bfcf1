namespace StatelessMind.Runner.Exercises;

/// <summary>Everything the check found for one lab. It passes only if it found something and all of it held.</summary>
public sealed class LabCheckResult(string lab)
{
    private readonly List<CheckFinding> _findings = [];

    public string Lab { get; } = lab;
    public IReadOnlyList<CheckFinding> Findings => _findings;
    public TimeSpan Duration { get; set; }
    public bool Passed => _findings.Count > 0 && _findings.All(f => f.Passed);
    public IEnumerable<CheckFinding> Failures => _findings.Where(f => !f.Passed);

    public void Add(CheckFinding finding) => _findings.Add(finding);
}
