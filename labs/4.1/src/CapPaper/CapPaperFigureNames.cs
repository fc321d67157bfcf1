namespace StatelessMind.Labs.DatabaseTheory.CapPaper;

/// <summary>The names of the 4.1-3 figures.</summary>
public static class CapPaperFigureNames
{
    public const string Words = "words in CAP.md";
    public const string Citations = "figures cited by name";
    public const string Resolved = "cited figures found in the measured results";
    public const string GoalsCited = "goals whose figures the paper cites";
}
