namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>One logical call as it goes through the resilience pipeline: its id and how many attempts reached the network.</summary>
internal sealed class CallState(string operationId)
{
    public string OperationId { get; } = operationId;
    public int Attempts;
}
