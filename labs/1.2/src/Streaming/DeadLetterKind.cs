namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>Why a message went to the dead-letter topic instead of the table.</summary>
public enum DeadLetterKind
{
    /// <summary>The value is empty or not a Protobuf <c>SaleEvent</c>.</summary>
    Undecodable,

    /// <summary>It decodes but fails <see cref="SaleEvents.Validate"/> (quantity ≤ 0 …).</summary>
    Invalid,

    /// <summary>Its event id was already applied from another offset (an upstream re-send, not a redelivery).</summary>
    Duplicate,
}
