namespace StatelessMind.Labs.Scalability.Horizontal;

/// <summary>Vertical: one worker process with N task threads (one big machine). Horizontal: N worker processes with
/// one task thread each (several small machines), coordinated over loopback.</summary>
public enum ScalingMode
{
    Vertical,
    Horizontal,
}
