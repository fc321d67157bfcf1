namespace StatelessMind.Labs.ProbabilisticModels.Bayes;

/// <summary>
/// A non-negative function of some discrete variables, stored as a table: entry index = Σ stateᵢ · strideᵢ with the
/// last variable changing fastest (row-major). CPDs, intermediate results of elimination and answers are all factors.
/// </summary>
public sealed class Factor
{
    public Factor(IReadOnlyList<Variable> variables, double[] values)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(values);
        if (variables.Distinct().Count() != variables.Count)
            throw new ArgumentException($"A factor names a variable twice: {string.Join(", ", variables)}.", nameof(variables));
        var size = variables.Aggregate(1, (n, v) => checked(n * v.Cardinality));
        if (values.Length != size)
            throw new ArgumentException($"A factor over {string.Join(", ", variables)} needs {size} values, got {values.Length}.", nameof(values));
        Variables = variables;
        Values = values;
        Strides = new int[variables.Count];
        var stride = 1;
        for (var i = variables.Count - 1; i >= 0; i--)
        {
            Strides[i] = stride;
            stride *= variables[i].Cardinality;
        }
    }

    public IReadOnlyList<Variable> Variables { get; }
    public double[] Values { get; }
    internal int[] Strides { get; }

    /// <summary>The constant factor 1 over no variables.</summary>
    public static Factor One { get; } = new([], [1.0]);

    public int PositionOf(Variable variable)
    {
        for (var i = 0; i < Variables.Count; i++)
            if (Variables[i].Equals(variable)) return i;
        return -1;
    }

    public bool Contains(Variable variable) => PositionOf(variable) >= 0;

    /// <summary>The entry for one assignment, given as states in <see cref="Variables"/> order.</summary>
    public double this[params int[] states]
    {
        get
        {
            var index = 0;
            for (var i = 0; i < states.Length; i++) index += states[i] * Strides[i];
            return Values[index];
        }
    }

    /// <summary>The value for a state of the factor's only variable, by name.</summary>
    public double Probability(string state) =>
        Variables.Count == 1 ? Values[Variables[0].IndexOf(state)] : throw new InvalidOperationException($"The factor is over {Variables.Count} variables, not one.");

    /// <summary>φ₁ · φ₂ over the union of their variables (this factor's first, then the other's new ones).</summary>
    public Factor Product(Factor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        #region Exercise 3.3-1c: multiply two factors over the union of their variables, walking every assignment of the union (tests: FactorTests.Product_multiplies_entries_that_agree_on_shared_variables, FactorTests.Product_with_disjoint_or_empty_factors, FactorTests.Summing_out_adds_the_entries_that_differ_only_in_that_variable)
        var union = Variables.Concat(other.Variables.Where(v => !Contains(v))).ToList();
        var result = new double[union.Aggregate(1, (n, v) => n * v.Cardinality)];
        // For each variable of the union, how far an index into this factor and into the other moves when it steps by one.
        var strideThis = union.Select(v => PositionOf(v) is var p and >= 0 ? Strides[p] : 0).ToArray();
        var strideOther = union.Select(v => other.PositionOf(v) is var p and >= 0 ? other.Strides[p] : 0).ToArray();
        var states = new int[union.Count];
        int a = 0, b = 0;
        for (var index = 0; index < result.Length; index++)
        {
            result[index] = Values[a] * other.Values[b];
            // Advance the assignment like an odometer, the last variable fastest.
            for (var i = union.Count - 1; i >= 0; i--)
            {
                if (++states[i] < union[i].Cardinality)
                {
                    a += strideThis[i];
                    b += strideOther[i];
                    break;
                }
                a -= (union[i].Cardinality - 1) * strideThis[i];
                b -= (union[i].Cardinality - 1) * strideOther[i];
                states[i] = 0;
            }
        }
        return new Factor(union, result);
        #endregion
    }

    /// <summary>Σ over <paramref name="variable"/>: a factor over the other variables.</summary>
    public Factor SumOut(Variable variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var position = PositionOf(variable);
        if (position < 0) return this;
        #region Exercise 3.3-1c: sum a variable out of a factor (tests: FactorTests.Product_multiplies_entries_that_agree_on_shared_variables, FactorTests.Product_with_disjoint_or_empty_factors, FactorTests.Summing_out_adds_the_entries_that_differ_only_in_that_variable)
        var rest = Variables.Where((_, i) => i != position).ToList();
        var result = new double[Values.Length / variable.Cardinality];
        var stride = Strides[position];
        var block = stride * variable.Cardinality; // entries with the same states of the variables before it
        for (var index = 0; index < Values.Length; index++)
        {
            var outer = index / block;
            var inner = index % stride;
            result[outer * stride + inner] += Values[index];
        }
        return new Factor(rest, result);
        #endregion
    }

    /// <summary>Fixes <paramref name="variable"/> to <paramref name="state"/> (evidence): a factor over the other variables.</summary>
    public Factor Reduce(Variable variable, int state)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var position = PositionOf(variable);
        if (position < 0) return this;
        var rest = Variables.Where((_, i) => i != position).ToList();
        var result = new double[Values.Length / variable.Cardinality];
        var stride = Strides[position];
        var block = stride * variable.Cardinality;
        for (var outer = 0; outer < Values.Length / block; outer++)
            for (var inner = 0; inner < stride; inner++)
                result[outer * stride + inner] = Values[outer * block + state * stride + inner];
        return new Factor(rest, result);
    }

    /// <summary>The factor scaled to sum to 1.</summary>
    public Factor Normalize()
    {
        var sum = Values.Sum();
        if (!(sum > 0)) throw new InvalidOperationException("The evidence has probability zero: the conditional distribution is undefined.");
        return new Factor(Variables, [.. Values.Select(v => v / sum)]);
    }

    /// <summary>The same factor with its variables in <paramref name="order"/>.</summary>
    public Factor Reorder(IReadOnlyList<Variable> order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Count != Variables.Count || order.Any(v => !Contains(v)))
            throw new ArgumentException($"{string.Join(", ", order)} is not an order of {string.Join(", ", Variables)}.", nameof(order));
        var result = new double[Values.Length];
        var states = new int[order.Count];
        var positions = order.Select(PositionOf).ToArray();
        for (var index = 0; index < result.Length; index++)
        {
            var rest = index;
            for (var i = order.Count - 1; i >= 0; i--)
            {
                states[i] = rest % order[i].Cardinality;
                rest /= order[i].Cardinality;
            }
            var source = 0;
            for (var i = 0; i < order.Count; i++) source += states[i] * Strides[positions[i]];
            result[index] = Values[source];
        }
        return new Factor(order, result);
    }
}
