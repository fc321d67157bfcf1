namespace StatelessMind.Labs.Transformation.Cli;

/// <summary>A command line the runner does not understand: an unknown verb or option, or an option without its value.</summary>
public sealed class DbtUsageException(string message) : Exception(message);
