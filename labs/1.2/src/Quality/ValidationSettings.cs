namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>What a run needs besides the suite and the data: the "as of" instant freshness is judged against, how many
/// failing rows to keep as a sample, and the planted bug (None in real use).</summary>
public sealed record ValidationSettings(DateTimeOffset AsOf, int SampleSize = 5, QualityBug Bug = QualityBug.None);
