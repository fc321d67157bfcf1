namespace StatelessMind.Labs.Reliability.FaultInjection;

/// <summary>Deposits into a small store until it is full: how many fit, how many attempts the failing call made, and its error.</summary>
public sealed record DiskFullDrill(int Stored, int AttemptsOnFailure, string Error, bool SurfacedAsDiskFull);
