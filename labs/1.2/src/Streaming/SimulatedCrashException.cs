namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>Thrown by a test's fault injector to stop a sink abruptly, as a killed process would stop.</summary>
public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException() : base("simulated crash") { }

    public SimulatedCrashException(string message) : base(message) { }

    public SimulatedCrashException(string message, Exception innerException) : base(message, innerException) { }
}
