namespace StatelessMind.Labs.ProbabilisticModels.Bayes;

/// <summary>The small networks every text uses, with their published tables.</summary>
public static class ClassicNetworks
{
    private static readonly string[] TrueFalse = ["true", "false"];
    private static readonly string[] YesNo = ["yes", "no"];

    /// <summary>Cloudy → Sprinkler, Cloudy → Rain, (Sprinkler, Rain) → WetGrass, with the tables of Russell and Norvig.</summary>
    public static BayesianNetwork Sprinkler() => BayesianNetwork.Define("sprinkler",
    [
        NodeDefinition.Root("Cloudy", TrueFalse, 0.5, 0.5),
        new("Sprinkler", TrueFalse, ["Cloudy"], [0.1, 0.9, 0.5, 0.5]),
        new("Rain", TrueFalse, ["Cloudy"], [0.8, 0.2, 0.2, 0.8]),
        new("WetGrass", TrueFalse, ["Sprinkler", "Rain"], [0.99, 0.01, 0.9, 0.1, 0.9, 0.1, 0.0, 1.0]),
    ]);

    /// <summary>The "Asia" chest-clinic network of Lauritzen and Spiegelhalter (1988): a visit to Asia raises the chance of
    /// tuberculosis, smoking that of lung cancer and bronchitis; Either is the logical or of the two diseases.</summary>
    public static BayesianNetwork Asia() => BayesianNetwork.Define("asia",
    [
        NodeDefinition.Root("Asia", YesNo, 0.01, 0.99),
        NodeDefinition.Root("Smoke", YesNo, 0.5, 0.5),
        new("Tub", YesNo, ["Asia"], [0.05, 0.95, 0.01, 0.99]),
        new("Lung", YesNo, ["Smoke"], [0.1, 0.9, 0.01, 0.99]),
        new("Bronc", YesNo, ["Smoke"], [0.6, 0.4, 0.3, 0.7]),
        new("Either", YesNo, ["Lung", "Tub"], [1, 0, 1, 0, 1, 0, 0, 1]),
        new("Xray", YesNo, ["Either"], [0.98, 0.02, 0.05, 0.95]),
        new("Dysp", YesNo, ["Bronc", "Either"], [0.9, 0.1, 0.8, 0.2, 0.7, 0.3, 0.1, 0.9]),
    ]);
}
