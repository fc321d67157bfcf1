namespace StatelessMind.Labs.MlOps.TextClassification;

/// <summary>One epoch of training: the mean training loss and, when evaluation texts were given, their accuracy after the epoch.</summary>
public sealed record EpochRecord(int Epoch, double TrainLoss, double? EvaluationAccuracy);
