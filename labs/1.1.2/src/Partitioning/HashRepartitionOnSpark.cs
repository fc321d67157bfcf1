using StatelessMind.SparkConnect;

namespace StatelessMind.Labs.Scalability.Partitioning;

/// <summary>Local hash-partition sizes against Spark's: by the <c>pmod(hash(key), n)</c> query, and by a real <c>REPARTITION(n, key)</c> shuffle.</summary>
public sealed record HashRepartitionOnSpark(RowsComparison ByHashExpression, RowsComparison ByRepartitionHint);
