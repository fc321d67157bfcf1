using System.Globalization;
using Confluent.Kafka;

namespace StatelessMind.Harness.Services;

/// <summary>
/// Where librdkafka's log lines and errors go: a line per message, written where someone will read it. The default
/// (<see cref="ToStandardError"/>) writes warnings and errors to stderr; tests route them to their own output
/// (StatelessMind.Harness.Testing's <c>KafkaTestLog</c>).
/// </summary>
public static class KafkaLog
{
    /// <summary>Writes warnings and more severe messages to the process's stderr.</summary>
    /// <param name="message">A librdkafka log message.</param>
    public static void ToStandardError(LogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Level <= SyslogLevel.Warning) Console.Error.WriteLine(Format(message));
    }

    /// <summary>A log callback that writes messages at <paramref name="mostDetailed"/> or more severe to a writer.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="mostDetailed">The most detailed level written (syslog order: Emergency is 0, Debug is 7).</param>
    public static Action<LogMessage> To(TextWriter writer, SyslogLevel mostDetailed = SyslogLevel.Warning)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return message =>
        {
            if (message.Level > mostDetailed) return;
            lock (writer) writer.WriteLine(Format(message));
        };
    }

    /// <summary>"librdkafka ERROR [rdkafka#producer-1] FAIL: 127.0.0.1:9/bootstrap: Connect … failed".</summary>
    /// <param name="message">A librdkafka log message.</param>
    public static string Format(LogMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var level = message.Level switch
        {
            <= SyslogLevel.Error => "ERROR",
            SyslogLevel.Warning => "WARN",
            SyslogLevel.Notice or SyslogLevel.Info => "INFO",
            _ => "DEBUG",
        };
        return string.Create(CultureInfo.InvariantCulture, $"librdkafka {level} [{message.Name}] {message.Facility}: {message.Message}");
    }

    /// <summary>An error a client reported through its error handler, as a log message.</summary>
    /// <param name="client">The client's name.</param>
    /// <param name="error">The error.</param>
    public static LogMessage FromError(string client, Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new LogMessage(client, error.IsFatal ? SyslogLevel.Critical : SyslogLevel.Error, "ERROR", $"{error.Code}: {error.Reason}");
    }
}
