namespace StatelessMind.Labs.Consensus.Isolation;

/// <summary>The anomalies of the matrix, in the order of the Hermitage suite (Kleppmann's test cases for weak
/// isolation, after Adya's phenomena), each run by two or three real concurrent sessions.</summary>
public enum Anomaly
{
    /// <summary>G0: two transactions overwrite each other's uncommitted writes and end interleaved.</summary>
    DirtyWrite,

    /// <summary>G1a: a transaction reads a value another transaction wrote and later rolled back.</summary>
    DirtyRead,

    /// <summary>G1b: a transaction reads a value another transaction wrote and then overwrote before committing.</summary>
    IntermediateRead,

    /// <summary>G1c: two transactions each read what the other wrote (a cycle of write-read dependencies).</summary>
    CircularInformationFlow,

    /// <summary>OTV: a transaction sees another's write, and later a value that write had already replaced.</summary>
    ObservedTransactionVanishes,

    /// <summary>A row read twice in one transaction changes in between (a fuzzy read).</summary>
    NonRepeatableRead,

    /// <summary>PMP: a predicate read twice in one transaction matches a row inserted in between.</summary>
    Phantom,

    /// <summary>PMP for write predicates: a DELETE … WHERE misses the row that matches its predicate once a concurrent update commits.</summary>
    PhantomWritePredicate,

    /// <summary>P4: two read-modify-write cycles on one row; one increment disappears.</summary>
    LostUpdate,

    /// <summary>G-single: a transaction reads two rows from two different states of the database.</summary>
    ReadSkew,

    /// <summary>G2-item: two transactions check one invariant, each writes a different row, both commit (the on-call doctors).</summary>
    WriteSkew,

    /// <summary>G2 with predicates: each transaction inserts a row matching the predicate the other one read as empty.</summary>
    PredicateWriteSkew,

    /// <summary>Fekete, O'Neil and O'Neil (2004): a read-only transaction sees a state no serial order can explain.</summary>
    ReadOnlyAnomaly,
}
