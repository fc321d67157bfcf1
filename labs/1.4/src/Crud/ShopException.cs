using Npgsql;

namespace StatelessMind.Labs.Relational.Crud;

/// <summary>
/// A write the shop's rules refuse. Nothing of the refused operation was stored. When the database caught it
/// (a constraint), <see cref="ConstraintName"/> and <see cref="SqlState"/> say which, and the server's error is the inner exception.
/// </summary>
public abstract class ShopException : Exception
{
    protected ShopException(string message, Exception? innerException = null) : base(message, innerException) { }

    public string? ConstraintName => (InnerException as PostgresException)?.ConstraintName;

    /// <summary>The SQLSTATE of the server's error (23505 unique, 23503 foreign key, 23514 check), if the database caught it.</summary>
    public string? SqlState => (InnerException as PostgresException)?.SqlState;
}
