using System.Runtime.ExceptionServices;

namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>
/// LevelDB's writer queue, which gives group commit: writers line up; the one at the head (the leader) writes its
/// own batch and those of the writers queued behind it (up to about <see cref="MaxGroupBytes"/>) with one WAL append,
/// and one fsync when the WAL is synced, then wakes them. A writer that forces a flush leads a group of its own.
/// </summary>
internal sealed class WriteQueue
{
    public const int MaxGroupBytes = 1 << 20;

    private readonly object _gate = new(); // a monitor (Wait/Pulse)
    private readonly Queue<Writer> _writers = new();

    internal sealed class Writer(IReadOnlyList<WriteOperation> batch, bool forceFlush)
    {
        public IReadOnlyList<WriteOperation> Batch { get; } = batch;
        public bool ForceFlush { get; } = forceFlush;
        public int Bytes { get; } = batch.Sum(o => o.Key.Length + o.Value.Length);
        public bool Done;
        public Exception? Error;
    }

    /// <summary>Returns once <paramref name="self"/>'s batch is written by whichever writer led its group.
    /// As leader: <paramref name="makeRoom"/> (given whether the leader forces a flush), then <paramref name="commit"/> of the group.</summary>
    public void Submit(Writer self, Action<bool> makeRoom, Action<IReadOnlyList<Writer>> commit)
    {
        lock (_gate)
        {
            _writers.Enqueue(self);
            while (!self.Done && _writers.Peek() != self) Monitor.Wait(_gate);
            if (self.Done)
            {
                if (self.Error is not null) throw new IOException("The write group this write belonged to failed; the write was not acknowledged.", self.Error);
                return;
            }
        }
        var group = new List<Writer>();
        Exception? error = null;
        try
        {
            makeRoom(self.ForceFlush);
            lock (_gate)
            {
                var bytes = 0;
                foreach (var w in _writers)
                {
                    if (w.ForceFlush && w != self) break;
                    group.Add(w);
                    bytes += w.Bytes;
                    if (bytes >= MaxGroupBytes) break;
                }
            }
            commit(group);
        }
        catch (Exception e)
        {
            error = e;
        }
        lock (_gate)
        {
            if (group.Count == 0) group.Add(self);
            foreach (var w in group)
            {
                _writers.Dequeue();
                w.Done = true;
                w.Error = error;
            }
            Monitor.PulseAll(_gate);
        }
        if (error is not null) ExceptionDispatchInfo.Capture(error).Throw();
    }
}
