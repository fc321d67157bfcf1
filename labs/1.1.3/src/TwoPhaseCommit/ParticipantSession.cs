using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>One participant's part of a transfer: an EF Core context on the participant's pool, with its local transaction
/// open until PREPARE TRANSACTION ends it.</summary>
internal sealed class ParticipantSession(int participant, AccountsContext context, IDbContextTransaction transaction) : IAsyncDisposable
{
    private IDbContextTransaction? _transaction = transaction;

    public int Participant { get; } = participant;
    public AccountsContext Context { get; } = context;

    /// <summary>Why the last protocol statement failed, for the transfer's result.</summary>
    public string? LastError { get; set; }

    /// <summary>PREPARE TRANSACTION ended the session's transaction: the EF transaction object has nothing left to roll back.</summary>
    public async ValueTask ForgetTransactionAsync()
    {
        if (_transaction is { } t) await t.DisposeAsync();
        _transaction = null;
    }

    public async ValueTask DisposeAsync()
    {
        await ForgetTransactionAsync();
        await Context.DisposeAsync();
    }

    public static async Task<ParticipantSession> BeginAsync(int participant, DbContextOptions<AccountsContext> options, CancellationToken ct)
    {
        var context = new AccountsContext(options);
        try
        {
            return new ParticipantSession(participant, context, await context.Database.BeginTransactionAsync(ct));
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }
}
