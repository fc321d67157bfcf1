namespace StatelessMind.Labs.Orchestration.XComs;

/// <summary>A pull of an XCom that was never pushed, or whose stored value is not of the type asked for.</summary>
public sealed class XComNotFoundException(string message) : Exception(message);
