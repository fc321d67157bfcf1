using Npgsql;

namespace StatelessMind.Labs.Relational.Crud;

/// <summary>A value breaks a CHECK constraint (SQLSTATE 23514), e.g. a price that is not positive.</summary>
public sealed class RuleViolationException(string entity, string rule, PostgresException cause)
    : ShopException($"This {entity} breaks the rule: {rule} ({cause.ConstraintName}).", cause)
{
    public string Entity { get; } = entity;
    public string Rule { get; } = rule;
}
