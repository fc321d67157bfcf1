namespace StatelessMind.Labs.MlOps.Reinforcement;

/// <summary>
/// A FrozenLake grid, one string per row: <c>S</c> start, <c>F</c> frozen (safe), <c>H</c> hole (the episode ends, reward
/// 0), <c>G</c> goal (the episode ends, reward 1). The two standard maps are Gymnasium's <c>"4x4"</c> and <c>"8x8"</c>.
/// States are numbered row by row: state = row × columns + column.
/// </summary>
public sealed record FrozenLakeMap
{
    public FrozenLakeMap(IReadOnlyList<string> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new FrozenLakeMapException(0, 0, "at least one row");
        var starts = 0;
        var goals = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != rows[0].Length) throw new FrozenLakeMapException(r, Math.Min(rows[r].Length, rows[0].Length), $"{rows[0].Length} cells, as in row 0");
            for (var c = 0; c < rows[r].Length; c++)
            {
                switch (rows[r][c])
                {
                    case 'S': starts++; break;
                    case 'G': goals++; break;
                    case 'F' or 'H': break;
                    default: throw new FrozenLakeMapException(r, c, $"one of S, F, H, G, not '{rows[r][c]}'");
                }
            }
        }
        if (starts != 1) throw new FrozenLakeMapException(0, 0, $"exactly one start S, found {starts}");
        if (goals == 0) throw new FrozenLakeMapException(0, 0, "at least one goal G");
        Rows = rows;
    }

    public IReadOnlyList<string> Rows { get; }
    public int RowCount => Rows.Count;
    public int ColumnCount => Rows[0].Length;
    public int StateCount => RowCount * ColumnCount;
    public string Name => $"{RowCount}x{ColumnCount}";

    public char At(int state) => Rows[state / ColumnCount][state % ColumnCount];

    public int Start => Enumerable.Range(0, StateCount).First(s => At(s) == 'S');

    public bool IsTerminal(int state) => At(state) is 'H' or 'G';

    public static FrozenLakeMap Standard4x4 { get; } = new(["SFFF", "FHFH", "FFFH", "HFFG"]);

    public static FrozenLakeMap Standard8x8 { get; } = new(["SFFFFFFF", "FFFFFFFF", "FFFHFFFF", "FFFFFHFF", "FFFHFFFF", "FHHFFFHF", "FHFFHFHF", "FFFHFFFG"]);
}
