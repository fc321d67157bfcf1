using System.Diagnostics;

namespace StatelessMind.Labs.Relational.Crud;

/// <summary>
/// Counts the commands Npgsql sends to one database, from its tracing activities (one per command or batch,
/// i.e. one per round trip to the server, not counting the COMMIT of an explicit transaction). EF Core goes
/// through Npgsql, so both repositories are counted the same way.
/// </summary>
internal sealed class CommandCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private long _count;

    public CommandCounter(string database)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                // Npgsql names the database in db.namespace (older versions: db.name) once the command has run.
                var db = activity.GetTagItem("db.namespace") ?? activity.GetTagItem("db.name");
                if (database.Equals(db as string, StringComparison.Ordinal)) Interlocked.Increment(ref _count);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
