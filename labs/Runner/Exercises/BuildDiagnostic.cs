namespace StatelessMind.Runner.Exercises;

/// <summary>One compiler error: the file as an absolute path, its line, the compiler's code (CS0103, gcc, E0425 …) and message.</summary>
public sealed record BuildDiagnostic(string File, int Line, string Code, string Message);
