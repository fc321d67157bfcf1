namespace StatelessMind.Labs.Consensus.Raft;

public enum RaftRole
{
    Follower,
    Candidate,
    Leader,
}
