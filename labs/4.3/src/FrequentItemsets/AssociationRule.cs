namespace StatelessMind.Labs.MassiveData.FrequentItemsets;

/// <summary>X ⇒ Y: support = P(X ∪ Y), confidence = P(Y | X), lift = confidence / P(Y) (1 means independence).</summary>
public sealed record AssociationRule(ItemSet Antecedent, ItemSet Consequent, double Support, double Confidence, double Lift)
{
    public override string ToString() => $"{Antecedent} ⇒ {Consequent} (support {Support:0.####}, confidence {Confidence:0.###}, lift {Lift:0.##})";
}
