namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>Whether trying again can succeed.</summary>
public enum FailureClass
{
    /// <summary>Goes away by itself: retry (with backoff) is the right response.</summary>
    Transient,

    /// <summary>Stays until someone acts (frees disk, repairs data, fixes code): retrying only adds load.</summary>
    Permanent,
}
