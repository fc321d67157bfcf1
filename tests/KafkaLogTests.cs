using System.Collections.Concurrent;
using Confluent.Kafka;

namespace StatelessMind.Tests;

/// <summary>librdkafka's errors reach a log someone reads: a client built with the cluster's handlers reports through
/// <see cref="KafkaCluster.Log"/>, which writes to stderr by default and can be pointed at a test's output.</summary>
public sealed class KafkaLogTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_client_error_reaches_the_clusters_log_and_a_new_target_takes_effect_at_once()
    {
        using var cluster = KafkaCluster.StartMock(1);
        Assert.Equal((Action<LogMessage>)KafkaLog.ToStandardError, cluster.Log);
        var first = new ConcurrentQueue<LogMessage>();
        var second = new ConcurrentQueue<LogMessage>();
        cluster.Log = first.Enqueue;
        var port = FreePort.Next(); // nothing listens there
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = $"127.0.0.1:{port}", ReconnectBackoffMs = 50 })
            .SetLogHandler(cluster.LogHandler).SetErrorHandler(cluster.ErrorHandler).Build();

        await Eventually.UntilAsync(() => first.Any(m => m.Level <= SyslogLevel.Error && m.Message.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), $"an error about 127.0.0.1:{port} in the cluster's log");
        cluster.Log = KafkaTestLog.To(output, SyslogLevel.Debug) + second.Enqueue;
        await Eventually.UntilAsync(() => !second.IsEmpty, TimeSpan.FromSeconds(10), "the next message to reach the new target");
        foreach (var m in first.Take(3)) output.WriteLine(KafkaLog.Format(m));
    }

    [Fact]
    public void The_default_writes_warnings_and_errors_and_leaves_out_chatter()
    {
        var writer = new StringWriter();
        var log = KafkaLog.To(writer);
        log(new LogMessage("rdkafka#producer-1", SyslogLevel.Error, "FAIL", "127.0.0.1:9/bootstrap: Connect to ipv4#127.0.0.1:9 failed: Connection refused"));
        log(new LogMessage("rdkafka#producer-1", SyslogLevel.Info, "INIT", "librdkafka v2 initialised"));
        log(new LogMessage("rdkafka#producer-1", SyslogLevel.Warning, "BROKER", "broker down"));
        Assert.Equal(
            "librdkafka ERROR [rdkafka#producer-1] FAIL: 127.0.0.1:9/bootstrap: Connect to ipv4#127.0.0.1:9 failed: Connection refused\n" +
            "librdkafka WARN [rdkafka#producer-1] BROKER: broker down\n",
            writer.ToString());
    }

    [Fact]
    public void The_test_adapter_writes_to_the_tests_output()
    {
        var lines = new List<string>();
        var log = KafkaTestLog.To(new RecordingOutput(lines));
        log(new LogMessage("c", SyslogLevel.Error, "ERROR", "Local_Transport: all brokers down"));
        log(new LogMessage("c", SyslogLevel.Debug, "PROTOCOL", "chatter"));
        Assert.Equal(["librdkafka ERROR [c] ERROR: Local_Transport: all brokers down"], lines);
    }

    private sealed class RecordingOutput(List<string> lines) : ITestOutputHelper
    {
        public void WriteLine(string message) => lines.Add(message);
        public void WriteLine(string format, params object[] args) => lines.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
