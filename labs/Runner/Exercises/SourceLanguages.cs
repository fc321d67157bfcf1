namespace StatelessMind.Runner.Exercises;

/// <summary>Which language a file is written in, by its extension.</summary>
public static class SourceLanguages
{
    public static SourceLanguage? Of(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".cs" => SourceLanguage.CSharp,
        ".c" or ".h" => SourceLanguage.C,
        ".rs" => SourceLanguage.Rust,
        ".sh" or ".bash" => SourceLanguage.Bash,
        _ => null,
    };
}
