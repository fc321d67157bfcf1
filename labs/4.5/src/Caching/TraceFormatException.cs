namespace StatelessMind.Labs.SystemsProgramming.Caching;

/// <summary>A trace file the simulator cannot read; the message names the file, line and column.</summary>
public sealed class TraceFormatException(string message) : FormatException(message);
