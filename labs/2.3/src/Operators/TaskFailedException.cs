namespace StatelessMind.Labs.Orchestration.Operators;

/// <summary>Fails the task now, whatever retries it has left (Airflow's <c>AirflowFailException</c>): for failures that
/// a retry would only repeat, such as a data test that fails on the same data or a sensor out of time.</summary>
public class TaskFailedException(string message) : Exception(message);
