namespace StatelessMind.Runner.Exercises;

/// <summary>The languages whose files carry exercise regions, each with its own marker syntax.</summary>
public enum SourceLanguage
{
    /// <summary><c>#region Exercise &lt;task id&gt;: &lt;task&gt;</c> … <c>#endregion</c></summary>
    CSharp,

    /// <summary><c>/* EXERCISE &lt;task id&gt;: &lt;task&gt; */</c> … <c>/* END EXERCISE */</c></summary>
    C,

    /// <summary><c>// EXERCISE &lt;task id&gt;: &lt;task&gt;</c> … <c>// END EXERCISE</c></summary>
    Rust,

    /// <summary><c># EXERCISE &lt;task id&gt;: &lt;task&gt;</c> … <c># END EXERCISE</c></summary>
    Bash,
}
