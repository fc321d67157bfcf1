namespace StatelessMind.Labs.MathFoundations.Calculus;

/// <summary>Deliberate mistakes in differentiation (tests only): the finite-difference checks must catch each.</summary>
public enum DerivativeBug
{
    None,

    /// <summary>(uv)' = u'v: the product rule without its second term u v'.</summary>
    ProductRuleMissingTerm,

    /// <summary>f(u)' = f'(u): the chain rule without the inner derivative u'.</summary>
    ChainRuleDropped,
}
