namespace StatelessMind.Labs.DiscreteMath.Combinatorics;

/// <summary>A generator or a counting formula was asked for something undefined (which argument, its value, what is allowed).</summary>
public sealed class CombinatoricsArgumentException(string operation, string argument, long value, string expected)
    : ArgumentOutOfRangeException(argument, value, $"{operation}: {argument} = {value}; expected {expected}.")
{
    public string Operation { get; } = operation;
    public string Argument { get; } = argument;
}
