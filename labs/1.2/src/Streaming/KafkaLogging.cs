using Confluent.Kafka;

namespace StatelessMind.Labs.Lifecycle.Streaming;

/// <summary>Routes a Kafka client's log (librdkafka's warnings and errors) and its error events to one text sink.</summary>
internal static class KafkaLogging
{
    public static ProducerBuilder<TKey, TValue> LogTo<TKey, TValue>(this ProducerBuilder<TKey, TValue> builder, Action<string>? log)
    {
        if (log is null) return builder;
        return builder
            .SetLogHandler((_, m) => { if (m.Level <= SyslogLevel.Warning) log(Format(m)); })
            .SetErrorHandler((client, e) => log($"{client.Name} error {e.Code}: {e.Reason}"));
    }

    public static ConsumerBuilder<TKey, TValue> LogTo<TKey, TValue>(this ConsumerBuilder<TKey, TValue> builder, Action<string>? log)
    {
        if (log is null) return builder;
        return builder
            .SetLogHandler((_, m) => { if (m.Level <= SyslogLevel.Warning) log(Format(m)); })
            .SetErrorHandler((client, e) => log($"{client.Name} error {e.Code}: {e.Reason}"));
    }

    public static AdminClientBuilder LogTo(this AdminClientBuilder builder, Action<string>? log)
    {
        if (log is null) return builder;
        return builder
            .SetLogHandler((_, m) => { if (m.Level <= SyslogLevel.Warning) log(Format(m)); })
            .SetErrorHandler((client, e) => log($"{client.Name} error {e.Code}: {e.Reason}"));
    }

    private static string Format(LogMessage m) => $"{m.Name} {m.Level} {m.Facility}: {m.Message}";
}
