using System.Globalization;

namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>
/// The arguments of a coordinator process (<see cref="CoordinatorProgram"/>):
/// <c>coordinator --log PATH --participant CONNSTR… --transfer ID --leg P:ACCOUNT:DELTA… [--stop-at POINT] [--bug BUG]</c>.
/// </summary>
public sealed record CoordinatorCommandLine(string LogPath, IReadOnlyList<string> Participants, Transfer Transfer,
    CrashPoint StopAt = CrashPoint.None, TwoPhaseCommitBug Bug = TwoPhaseCommitBug.None)
{
    public const string Verb = "coordinator";

    public IReadOnlyList<string> ToArgs()
    {
        var args = new List<string> { Verb, "--log", LogPath, "--transfer", Transfer.Id, "--stop-at", StopAt.ToString(), "--bug", Bug.ToString() };
        foreach (var p in Participants) args.AddRange(["--participant", p]);
        foreach (var l in Transfer.Legs) args.AddRange(["--leg", string.Create(CultureInfo.InvariantCulture, $"{l.Participant}:{l.AccountId}:{l.Delta}")]);
        return args;
    }

    /// <summary>Parses the arguments; a bad one is an <see cref="ArgumentException"/> that names it and says what was expected.</summary>
    public static CoordinatorCommandLine Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] != Verb) throw new ArgumentException($"expected '{Verb}' as the first argument, got '{(args.Count == 0 ? "" : args[0])}'");
        string? log = null, id = null;
        var participants = new List<string>();
        var legs = new List<TransferLeg>();
        var stopAt = CrashPoint.None;
        var bug = TwoPhaseCommitBug.None;
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count) throw new ArgumentException($"option {name} needs a value");
            var value = args[++i];
            switch (name)
            {
                case "--log": log = value; break;
                case "--transfer": id = value; break;
                case "--participant": participants.Add(value); break;
                case "--leg": legs.Add(ParseLeg(value)); break;
                case "--stop-at":
                    stopAt = Enum.TryParse<CrashPoint>(value, out var p) ? p : throw new ArgumentException($"--stop-at '{value}' is not one of {string.Join(", ", Enum.GetNames<CrashPoint>())}");
                    break;
                case "--bug":
                    bug = Enum.TryParse<TwoPhaseCommitBug>(value, out var b) ? b : throw new ArgumentException($"--bug '{value}' is not one of {string.Join(", ", Enum.GetNames<TwoPhaseCommitBug>())}");
                    break;
                default: throw new ArgumentException($"unknown option '{name}'");
            }
        }
        if (log is null) throw new ArgumentException("--log PATH is required");
        if (id is null) throw new ArgumentException("--transfer ID is required");
        if (participants.Count == 0) throw new ArgumentException("at least one --participant CONNECTION-STRING is required");
        return new CoordinatorCommandLine(log, participants, new Transfer(id, legs), stopAt, bug);
    }

    private static TransferLeg ParseLeg(string value)
    {
        var parts = value.Split(':');
        if (parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var participant)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var account)
            && long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var delta))
            return new TransferLeg(participant, account, delta);
        throw new ArgumentException($"--leg '{value}' is not PARTICIPANT:ACCOUNT:DELTA (e.g. 0:3:-50)");
    }
}
