using MongoDB.Bson;
using MongoDB.Driver;
using StatelessMind.Harness.Measurement;

namespace StatelessMind.Labs.DatabaseTheory.Mongo;

/// <summary>
/// The MongoDB part of the ACID-versus-BASE workload, run only when <c>MONGODB_URI</c> points at a
/// replica set (docker compose starts one): the same acknowledged writes with w:1 and with w:majority,
/// each read back at once from a secondary. Nothing here starts MongoDB: no server ships with this machine.
/// </summary>
public static class MongoProbe
{
    public const string UriVariable = "MONGODB_URI";

    public static string? ConfiguredUri => Environment.GetEnvironmentVariable(UriVariable) is { Length: > 0 } uri ? uri : null;

    public static async Task<IReadOnlyList<MongoOutcome>> RunAsync(string uri, int writes, CancellationToken ct = default)
    {
        var client = new MongoClient(uri);
        var database = client.GetDatabase("stateless_mind_acid_base");
        var name = $"kv_{Guid.NewGuid():N}";
        var collection = database.GetCollection<BsonDocument>(name);
        var hello = await database.RunCommandAsync<BsonDocument>(new BsonDocument("hello", 1), cancellationToken: ct);
        var replicaSet = hello.Contains("setName");
        var outcomes = new List<MongoOutcome>();
        try
        {
            foreach (var (label, concern) in new[] { ("w:1", WriteConcern.W1), ("w:majority", WriteConcern.WMajority) })
            {
                var writer = collection.WithWriteConcern(concern);
                var reader = collection.WithReadPreference(ReadPreference.SecondaryPreferred);
                var latency = new LatencyRecorder();
                var stale = 0;
                for (var i = 0; i < writes; i++)
                {
                    var id = $"{label}:{i}";
                    await latency.TimeAsync(() => writer.InsertOneAsync(new BsonDocument { ["_id"] = id, ["v"] = i }, cancellationToken: ct));
                    var found = await reader.Find(Builders<BsonDocument>.Filter.Eq("_id", id)).FirstOrDefaultAsync(ct);
                    if (found is null) stale++;
                }
                outcomes.Add(new MongoOutcome(label, writes, latency.Summarize(), stale, replicaSet));
            }
        }
        finally
        {
            await database.DropCollectionAsync(name, ct);
        }
        return outcomes;
    }
}
