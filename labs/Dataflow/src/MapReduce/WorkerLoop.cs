using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StatelessMind.Dataflow.MapReduce;

/// <summary>
/// A worker: connects to the coordinator, says who it is, learns the job, then asks for a task, runs it, reports it
/// done, and asks again — until the coordinator says exit or goes away. One loop runs one task at a time; the
/// worker process runs one loop (horizontal scaling) or several on threads (vertical scaling).
/// </summary>
public static class WorkerLoop
{
    /// <summary>Runs until the job is over; returns the number of tasks this loop completed.</summary>
    public static async Task<int> RunAsync(IPEndPoint coordinator, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(coordinator, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new IOException($"Cannot reach the coordinator at {coordinator}: {e.Message}", e);
        }
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        var peer = $"coordinator {coordinator}";

        async Task<ProtocolMessage?> Read() =>
            await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line ? ProtocolMessage.Parse(line, peer) : null;
        Task Send(ProtocolMessage m) => writer.WriteLineAsync(m.ToLine().AsMemory(), cancellationToken);

        await Send(new ProtocolMessage(ProtocolMessage.Hello) { Pid = Environment.ProcessId }).ConfigureAwait(false);
        var job = await Read().ConfigureAwait(false);
        if (job is null) return 0; // the job ended before we joined
        if (job.Type != ProtocolMessage.Job) throw new ProtocolException(peer, job.ToLine(), "the job description");
        var application = ApplicationLoader.Load(job.ApplicationAssembly!, job.ApplicationType!);
        var completed = 0;
        while (true)
        {
            try
            {
                await Send(new ProtocolMessage(ProtocolMessage.Request)).ConfigureAwait(false);
            }
            catch (IOException)
            {
                return completed; // the coordinator has finished and closed the connection
            }
            var task = await Read().ConfigureAwait(false);
            if (task is null || task.Type == ProtocolMessage.Exit) return completed;
            var info = new MapReduceTaskInfo(task.TaskId!, task.Type == ProtocolMessage.MapTask ? MapReduceTaskKind.Map : MapReduceTaskKind.Reduce,
                task.Number, task.Attempt, task.MapTasks, task.ReduceTasks, job.WorkDirectory!, Environment.ProcessId);
            if (info.Kind == MapReduceTaskKind.Map) IntermediateFiles.RunMap(application, info, task.InputFile!);
            else IntermediateFiles.RunReduce(application, info, job.Bug);
            completed++;
            await Send(new ProtocolMessage(ProtocolMessage.Done) { TaskId = task.TaskId, Attempt = task.Attempt }).ConfigureAwait(false);
        }
    }
}
