namespace StatelessMind.Labs.LearningData.Supervised;

/// <summary>One model complexity of an overfitting sweep and the model's error on the rows it was fitted on and on held-out rows.</summary>
public sealed record ComplexityPoint(int Complexity, double TrainError, double ValidationError)
{
    public double Gap => ValidationError - TrainError;
}
