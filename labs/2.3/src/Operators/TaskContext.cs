using StatelessMind.Labs.Orchestration.Execution;
using StatelessMind.Labs.Orchestration.XComs;

namespace StatelessMind.Labs.Orchestration.Operators;

/// <summary>What a running task try sees: which run and interval it belongs to, its try number, its map item, the
/// clock, its XComs and its log (one file per try).</summary>
public sealed class TaskContext
{
    internal TaskContext(TaskInstanceKey key, DagRunInfo run, int tryNumber, object? mapItem, TimeProvider clock, XComAccess xcom, TaskLog log, SensorPoke? poke = null)
    {
        Poke = poke ?? new SensorPoke(1, clock.GetUtcNow());
        Key = key;
        Run = run;
        TryNumber = tryNumber;
        MapItem = mapItem;
        Clock = clock;
        XCom = xcom;
        Log = log;
    }

    public TaskInstanceKey Key { get; }
    public DagRunInfo Run { get; }
    public int TryNumber { get; }

    /// <summary>For a mapped task instance: the element of the upstream list it was expanded for (a JSON element).</summary>
    public object? MapItem { get; }

    public TimeProvider Clock { get; }
    public XComAccess XCom { get; }
    public TaskLog Log { get; }

    /// <summary>Which start of this try this is (1 unless a sensor was rescheduled) and when the try first started: what a
    /// sensor's timeout is measured from.</summary>
    public SensorPoke Poke { get; }

    /// <summary>Airflow's template variables for this try: ds, ts, data_interval_start/end, run_id, dag_id, task_id, try_number.</summary>
    public IReadOnlyDictionary<string, string> TemplateVariables => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ds"] = Run.LogicalDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["ts"] = Run.LogicalDate.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["data_interval_start"] = Run.DataIntervalStart.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["data_interval_end"] = Run.DataIntervalEnd.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["run_id"] = Run.RunId,
        ["dag_id"] = Key.DagId,
        ["task_id"] = Key.TaskId,
        ["try_number"] = TryNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Replaces <c>{{ name }}</c> with the template variables (Airflow renders its templated fields this way).</summary>
    public string Render(string template)
    {
        foreach (var (name, value) in TemplateVariables)
            template = template.Replace("{{ " + name + " }}", value, StringComparison.Ordinal).Replace("{{" + name + "}}", value, StringComparison.Ordinal);
        return template;
    }
}
