namespace StatelessMind.Labs.Consensus.Raft.Simulation;

/// <summary>
/// A discrete-event simulator: a virtual clock in microseconds and a queue of events ordered by
/// (time, sequence number), so that two events due at the same instant always run in the order they
/// were scheduled. Nothing here reads the wall clock or a thread: given the seed, a run is a pure
/// function, and its <see cref="TraceHash"/> (over every event that ran) proves a replay is exact.
/// </summary>
public sealed class Simulator(ulong seed)
{
    public const long Millisecond = 1_000;
    public const long Second = 1_000_000;

    private readonly PriorityQueue<ScheduledEvent, (long Time, long Sequence)> _queue = new();
    private readonly List<Action> _afterEvent = [];
    private long _sequence;

    public ulong Seed { get; } = seed;
    public SimRandom Random { get; } = new(seed);

    /// <summary>Virtual time in microseconds.</summary>
    public long Now { get; private set; }

    public double NowMs => Now / (double)Millisecond;
    public long EventsRun { get; private set; }

    /// <summary>FNV-1a over (time, sequence) of every event run and every value passed to <see cref="Trace"/>.</summary>
    public ulong TraceHash { get; private set; } = 14695981039346656037UL;

    /// <summary>Registers a check to run after every event (the safety checkers).</summary>
    public void AfterEachEvent(Action check) => _afterEvent.Add(check);

    public ScheduledEvent After(long delay, Action action)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delay);
        var e = new ScheduledEvent(Now + delay, _sequence++, action);
        _queue.Enqueue(e, (e.Time, e.Sequence));
        return e;
    }

    /// <summary>Mixes a value into the trace (message kinds, node ids, terms) so that replays compare more than timing.</summary>
    public void Trace(long value)
    {
        var h = TraceHash;
        for (var i = 0; i < 8; i++)
        {
            h ^= (byte)(value >> (8 * i));
            h *= 1099511628211UL;
        }
        TraceHash = h;
    }

    /// <summary>Runs the next event; false when none is left.</summary>
    public bool Step() => Step(long.MaxValue);

    /// <summary>Runs the next event due no later than <paramref name="limit"/>; false when there is none.</summary>
    private bool Step(long limit)
    {
        // Cancelled events stay queued until they surface here; they are dropped without running.
        while (_queue.TryPeek(out var e, out _))
        {
            if (e.Cancelled)
            {
                _queue.Dequeue();
                continue;
            }
            if (e.Time > limit) return false;
            _queue.Dequeue();
            Now = e.Time;
            EventsRun++;
            Trace(e.Time);
            Trace(e.Sequence);
            e.Action();
            foreach (var check in _afterEvent) check();
            return true;
        }
        return false;
    }

    /// <summary>Runs every event due up to <paramref name="time"/>, then sets the clock to it.</summary>
    public void RunUntil(long time)
    {
        while (Step(time)) { }
        if (time > Now) Now = time;
    }

    public void RunFor(long duration) => RunUntil(Now + duration);

    /// <summary>Runs events until the condition holds (checked after each event) or the deadline passes; true if it held.</summary>
    public bool RunUntil(Func<bool> condition, long deadline)
    {
        while (!condition())
        {
            if (!Step(deadline))
            {
                if (deadline > Now) Now = deadline;
                return condition();
            }
        }
        return true;
    }
}
