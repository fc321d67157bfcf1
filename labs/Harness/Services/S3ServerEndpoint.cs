namespace StatelessMind.Harness.Services;

/// <summary>How to reach an S3-compatible store: its URL (path-style addressing), the signing keys and the bucket to use.</summary>
public sealed record S3ServerEndpoint(string ServiceUrl, string AccessKey, string SecretKey, string Bucket);
