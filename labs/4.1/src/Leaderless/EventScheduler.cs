namespace StatelessMind.Labs.DatabaseTheory.Leaderless;

/// <summary>A small discrete-event loop: virtual time in microseconds, events run in (time, order) order.
/// The leaderless store runs on it so that its network delays, failures and timings are exact and replayable.</summary>
public sealed class EventScheduler(int seed)
{
    private readonly PriorityQueue<Action, (long, long)> _queue = new();
    private long _sequence;

    public long Now { get; private set; }
    public Random Random { get; } = new(seed);
    public long EventsRun { get; private set; }

    public void After(long delayMicros, Action action) => _queue.Enqueue(action, (Now + Math.Max(0, delayMicros), _sequence++));

    /// <summary>Runs events until the condition holds or the queue passes the deadline; true if the condition held.</summary>
    public bool RunUntil(Func<bool> condition, long deadline)
    {
        while (!condition())
        {
            if (!_queue.TryPeek(out _, out var at) || at.Item1 > deadline)
            {
                if (deadline > Now) Now = deadline;
                return condition();
            }
            var action = _queue.Dequeue();
            Now = at.Item1;
            EventsRun++;
            action();
        }
        return true;
    }

    public void RunFor(long micros) => RunUntil(() => false, Now + micros);
}
