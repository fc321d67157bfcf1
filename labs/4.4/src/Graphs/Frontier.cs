namespace StatelessMind.Labs.DiscreteMath.Graphs;

/// <summary>The set of vertices waiting to be processed, in whatever order the algorithm needs: by priority (Dijkstra),
/// first in first out (BFS), or — for the planted bugs — the wrong one.</summary>
internal abstract class Frontier
{
    public abstract int Count { get; }

    public abstract void Add(int vertex, double priority);

    public abstract (int Vertex, double Priority) Take();

    public static Frontier ByPriority() => new PriorityFrontier();

    public static Frontier FirstInFirstOut() => new QueueFrontier();

    public static Frontier LastInFirstOut() => new StackFrontier();

    private sealed class PriorityFrontier : Frontier
    {
        private readonly PriorityQueue<int, double> _queue = new();
        public override int Count => _queue.Count;
        public override void Add(int vertex, double priority) => _queue.Enqueue(vertex, priority);
        public override (int, double) Take() => _queue.TryDequeue(out var v, out var p) ? (v, p) : throw new InvalidOperationException("empty frontier");
    }

    private sealed class QueueFrontier : Frontier
    {
        private readonly Queue<(int, double)> _queue = new();
        public override int Count => _queue.Count;
        public override void Add(int vertex, double priority) => _queue.Enqueue((vertex, priority));
        public override (int, double) Take() => _queue.Dequeue();
    }

    private sealed class StackFrontier : Frontier
    {
        private readonly Stack<(int, double)> _stack = new();
        public override int Count => _stack.Count;
        public override void Add(int vertex, double priority) => _stack.Push((vertex, priority));
        public override (int, double) Take() => _stack.Pop();
    }
}
