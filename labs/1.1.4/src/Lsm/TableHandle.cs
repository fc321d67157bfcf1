namespace StatelessMind.Labs.Storage.Lsm;

/// <summary>A live table: what the manifest says about it and its open reader.</summary>
internal sealed record TableHandle(TableMeta Meta, SSTableReader Reader);
