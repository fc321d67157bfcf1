namespace StatelessMind.Labs.LearningData.Preprocessing;

/// <summary>How a column is encoded: a number (imputed, then scaled), a nominal category (one-hot: no order among the
/// values) or an ordinal one (its declared levels in order, coded 0 … 1).</summary>
public enum ColumnKind
{
    Numeric,
    Nominal,
    Ordinal,
}
