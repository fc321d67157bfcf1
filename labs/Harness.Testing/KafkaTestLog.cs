using Confluent.Kafka;
using StatelessMind.Harness.Services;
using Xunit.Abstractions;

namespace StatelessMind.Harness;

/// <summary>
/// Routes librdkafka's log into a test's output: <c>cluster.Log = KafkaTestLog.To(output)</c>. Messages that arrive
/// when no test is running (a background client of a shared fixture) go to stderr instead of being lost.
/// </summary>
public static class KafkaTestLog
{
    /// <summary>A log callback for <see cref="KafkaCluster.Log"/> that writes to a test's output.</summary>
    /// <param name="output">The test's output.</param>
    /// <param name="mostDetailed">The most detailed level written (default: notices and more severe).</param>
    public static Action<LogMessage> To(ITestOutputHelper output, SyslogLevel mostDetailed = SyslogLevel.Notice)
    {
        ArgumentNullException.ThrowIfNull(output);
        return message =>
        {
            if (message.Level > mostDetailed) return;
            try
            {
                output.WriteLine(KafkaLog.Format(message));
            }
            catch (InvalidOperationException)
            {
                // The test that owned this output has finished.
                KafkaLog.ToStandardError(message);
            }
        };
    }
}
