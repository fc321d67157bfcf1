namespace StatelessMind.SparkConnect.Testing;

/// <summary>Ways the in-process server can break the protocol on purpose, to show the client notices.</summary>
public enum FakeSparkFault
{
    None,

    /// <summary>Responses name another session than the request's.</summary>
    AnswerForAnotherSession,

    /// <summary>An Arrow batch message's row_count is one more than the rows in its data.</summary>
    MisreportRowCount,
}
