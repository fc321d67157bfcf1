using Google.Protobuf;
using StatelessMind.SparkConnect.Protocol;

namespace StatelessMind.SparkConnect;

/// <summary>The plans this client sends, built as Spark's own clients build them: a root relation (SQL, range, a read of a
/// named table) or a command (a temporary view over a local relation). Each relation carries a plan id unique in its session.</summary>
internal sealed class SparkPlans
{
    private long nextPlanId;

    public Plan Sql(string query)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        return Root(new Relation { Sql = new SQL { Query = query } });
    }

    public Plan Range(long start, long end, long step, int? partitions)
    {
        if (step == 0) throw new ArgumentOutOfRangeException(nameof(step), "A range's step must not be 0.");
        if (partitions is <= 0) throw new ArgumentOutOfRangeException(nameof(partitions), "A range needs at least one partition.");
        var range = new Protocol.Range { Start = start, End = end, Step = step };
        if (partitions is { } n) range.NumPartitions = n;
        return Root(new Relation { Range = range });
    }

    public Plan Table(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Root(new Relation { Read = new Read { NamedTable = new Read.Types.NamedTable { UnparsedIdentifier = name } } });
    }

    public Plan CreateTempView(string name, byte[] arrowIpc, bool replace)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var input = WithId(new Relation { LocalRelation = new LocalRelation { Data = ByteString.CopyFrom(arrowIpc) } });
        return new Plan { Command = new Command { CreateDataframeView = new CreateDataFrameViewCommand { Input = input, Name = name, IsGlobal = false, Replace = replace } } };
    }

    private Plan Root(Relation relation) => new() { Root = WithId(relation) };

    private Relation WithId(Relation relation)
    {
        relation.Common = new RelationCommon { PlanId = Interlocked.Increment(ref nextPlanId) - 1 };
        return relation;
    }
}
