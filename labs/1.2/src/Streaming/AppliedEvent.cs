using StatelessMind.Labs.Lifecycle.Protos;

namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>An event the batch applies (a row and its share of the running totals), with the message it came from.</summary>
public sealed record AppliedEvent(SaleEvent Event, SinkMessage Source);
