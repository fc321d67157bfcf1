using Microsoft.EntityFrameworkCore;

namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>The EF Core model of one participant's bank database.</summary>
public sealed class AccountsContext(DbContextOptions<AccountsContext> options) : DbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<AppliedTransfer> AppliedTransfers => Set<AppliedTransfer>();

    /// <summary>Options over a participant's data source (its connection pool). When a coordinator dies
    /// its sessions are closed; a pooled session that still had a transaction open is rolled back, which is
    /// what the server does to the session of a process that died.</summary>
    public static DbContextOptions<AccountsContext> OptionsFor(Npgsql.NpgsqlDataSource dataSource) =>
        new DbContextOptionsBuilder<AccountsContext>().UseNpgsql(dataSource).Options;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Account>(e =>
        {
            e.ToTable("accounts");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(a => a.Owner).HasColumnName("owner");
            e.Property(a => a.Balance).HasColumnName("balance");
            e.ToTable(t => t.HasCheckConstraint("balance_not_negative", "balance >= 0"));
        });
        modelBuilder.Entity<AppliedTransfer>(e =>
        {
            e.ToTable("applied_transfers");
            e.HasKey(t => new { t.TransferId, t.AccountId });
            e.Property(t => t.TransferId).HasColumnName("transfer_id");
            e.Property(t => t.AccountId).HasColumnName("account_id");
            e.Property(t => t.Delta).HasColumnName("delta");
        });
    }
}
