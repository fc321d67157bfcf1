namespace StatelessMind.Labs.Orchestration.Operators;

/// <summary>A sensor's condition was still not met when its timeout ran out (Airflow's <c>AirflowSensorTimeout</c>):
/// the task fails without a retry, since the timeout already covers all the waiting the task may do.</summary>
public sealed class SensorTimeoutException(string taskId, TimeSpan timeout, int pokes)
    : TaskFailedException($"sensor '{taskId}' timed out: its condition was not met within {timeout} ({pokes} pokes)")
{
    public TimeSpan Timeout { get; } = timeout;
    public int Pokes { get; } = pokes;
}
