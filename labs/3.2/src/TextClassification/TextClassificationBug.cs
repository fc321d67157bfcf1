namespace StatelessMind.Labs.MlOps.TextClassification;

/// <summary>Planted mistakes (tests only): each breaks one property that a test or a check must catch.</summary>
public enum TextClassificationBug
{
    None,

    /// <summary>The split copies a share of the test texts into the training set too (train/test leakage).</summary>
    TestTextsAlsoInTraining,

    /// <summary>The sequence model averages its states over every position, padding included.</summary>
    PaddingNotMasked,

    /// <summary>The tokenizer's vocabulary is learned from the training and the test texts.</summary>
    TokenizerFittedOnTestTexts,
}
