namespace StatelessMind.Labs.LearningData.Data;

/// <summary>A real data set the lab reads is not on this machine; the message says what to install or which variable to set.</summary>
public sealed class DatasetNotFoundException(string message) : Exception(message);
