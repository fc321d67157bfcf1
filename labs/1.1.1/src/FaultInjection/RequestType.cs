namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>What a request does to the store, which decides the faults that can strike it.</summary>
public enum RequestType
{
    Write,
    Read,
}
