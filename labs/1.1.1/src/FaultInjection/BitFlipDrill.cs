namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>Stored records, how many had one stored bit flipped, and how reading them all back went.</summary>
public sealed record BitFlipDrill(int Records, int Flipped, int Detected, int Missed, int FalseAlarms, string? SampleError)
{
    public bool EveryFlipDetected => Detected == Flipped && Missed == 0 && FalseAlarms == 0;
}
