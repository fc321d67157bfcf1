using System.Collections.Concurrent;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Lifecycle.Lake.Storage;

/// <summary>
/// The object store over the S3 REST API (AWSSDK.S3, path-style addressing): MinIO or AWS S3 through <c>S3_ENDPOINT</c>,
/// or the harness's embedded s3rver. Objects above <see cref="MultipartThreshold"/> go up as a multipart upload;
/// listings follow continuation tokens. Put-if-absent is S3's conditional PUT (<c>If-None-Match: *</c>, answered
/// 412 when the key exists) where the server honours it — <see cref="ProbeConditionalPutAsync"/> finds out — and
/// otherwise a documented fallback: HEAD-then-PUT under a lock per key shared by every store of this process.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> KeyLocks = new(StringComparer.Ordinal);
    private readonly AmazonS3Client _client;
    private readonly S3ServerEndpoint _endpoint;
    private readonly string _prefix;
    private bool? _conditionalPut;
    private int _multipartUploads;
    private int _listPages;

    /// <param name="endpoint">The server, keys and bucket.</param>
    /// <param name="prefix">A folder inside the bucket that holds every key of this store (tests take one each).</param>
    /// <param name="multipartThreshold">Objects larger than this are uploaded in parts.</param>
    /// <param name="partSize">The part size of a multipart upload (S3's minimum is 5 MiB for all parts but the last).</param>
    /// <param name="listPageSize">Keys per ListObjectsV2 page.</param>
    public S3ObjectStore(S3ServerEndpoint endpoint, string prefix, long multipartThreshold = 16 << 20, int partSize = 8 << 20, int listPageSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint;
        _prefix = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";
        MultipartThreshold = multipartThreshold;
        PartSize = partSize;
        ListPageSize = listPageSize;
        _client = new AmazonS3Client(new BasicAWSCredentials(endpoint.AccessKey, endpoint.SecretKey), new AmazonS3Config
        {
            ServiceURL = endpoint.ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            // Checksums only where an operation requires them: s3rver does not know the newer trailing-checksum encoding.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
    }

    public long MultipartThreshold { get; }
    public int PartSize { get; }
    public int ListPageSize { get; }

    /// <summary>How many multipart uploads this store completed.</summary>
    public int MultipartUploads => _multipartUploads;

    /// <summary>How many ListObjectsV2 pages this store requested.</summary>
    public int ListPages => _listPages;

    /// <summary>Whether the server honours <c>If-None-Match: *</c> on PUT (null until probed).</summary>
    public bool? HonoursConditionalPut => _conditionalPut;

    public string Description => $"S3 at {_endpoint.ServiceUrl}, s3://{_endpoint.Bucket}/{_prefix}" +
                                 (_conditionalPut switch { true => " (conditional PUT honoured)", false => " (conditional PUT not honoured: per-key lock fallback)", _ => "" });

    /// <summary>PUTs a probe key twice with <c>If-None-Match: *</c>: a server that honours it refuses the second with 412.</summary>
    public async Task<bool> ProbeConditionalPutAsync(CancellationToken cancellationToken = default)
    {
        if (_conditionalPut is { } known) return known;
        var key = $"{_prefix}_probe/{Guid.NewGuid():N}";
        await PutConditionallyAsync(key, "1"u8.ToArray(), cancellationToken);
        var refused = !await PutConditionallyAsync(key, "2"u8.ToArray(), cancellationToken);
        await _client.DeleteObjectAsync(_endpoint.Bucket, key, cancellationToken);
        _conditionalPut = refused;
        return refused;
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (data.Length > MultipartThreshold)
        {
            await PutMultipartAsync(_prefix + key, data, cancellationToken);
            return;
        }
        using var body = new MemoryStream(data.ToArray(), writable: false);
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _endpoint.Bucket, Key = _prefix + key, InputStream = body, UseChunkEncoding = false, AutoCloseStream = false,
        }, cancellationToken);
    }

    public async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (await ProbeConditionalPutAsync(cancellationToken)) return await PutConditionallyAsync(_prefix + key, data, cancellationToken);
        // Fallback for servers that ignore If-None-Match (s3rver): check and write under one lock per key, shared by
        // every S3ObjectStore of this process. Atomic among this process's writers only — see the lab README.
        var gate = KeyLocks.GetOrAdd($"{_endpoint.ServiceUrl}|{_endpoint.Bucket}|{_prefix}{key}", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await ExistsAsync(_prefix + key, cancellationToken)) return false;
            await PutAsync(key, data, cancellationToken);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _client.GetObjectAsync(_endpoint.Bucket, _prefix + key, cancellationToken);
            using var copy = new MemoryStream();
            await response.ResponseStream.CopyToAsync(copy, cancellationToken);
            return copy.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<ObjectEntry>> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default)
    {
        var entries = new List<ObjectEntry>();
        var request = new ListObjectsV2Request
        {
            BucketName = _endpoint.Bucket, Prefix = _prefix + prefix, MaxKeys = ListPageSize,
            StartAfter = startAfter is null ? null : _prefix + startAfter,
        };
        while (true)
        {
            var page = await _client.ListObjectsV2Async(request, cancellationToken);
            Interlocked.Increment(ref _listPages);
            foreach (var o in page.S3Objects ?? []) entries.Add(new ObjectEntry(o.Key[_prefix.Length..], o.Size ?? 0));
            if (page.IsTruncated != true) break;
            request.ContinuationToken = page.NextContinuationToken;
        }
        return entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        await _client.DeleteObjectAsync(_endpoint.Bucket, _prefix + key, cancellationToken);

    public void Dispose() => _client.Dispose();

    private async Task<bool> PutConditionallyAsync(string fullKey, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(data.ToArray(), writable: false);
        try
        {
            await _client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = _endpoint.Bucket, Key = fullKey, InputStream = body, IfNoneMatch = "*", UseChunkEncoding = false, AutoCloseStream = false,
            }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
        {
            // 412: the key exists. 409: a concurrent conditional write to the same key is in flight (S3 says retry; here it lost).
            return false;
        }
    }

    private async Task<bool> ExistsAsync(string fullKey, CancellationToken cancellationToken)
    {
        try
        {
            await _client.GetObjectMetadataAsync(_endpoint.Bucket, fullKey, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task PutMultipartAsync(string fullKey, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var upload = await _client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _endpoint.Bucket, Key = fullKey }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            for (int offset = 0, number = 1; offset < data.Length; offset += PartSize, number++)
            {
                var length = Math.Min(PartSize, data.Length - offset);
                using var body = new MemoryStream(data.Slice(offset, length).ToArray(), writable: false);
                var part = await _client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = _endpoint.Bucket, Key = fullKey, UploadId = upload.UploadId, PartNumber = number, InputStream = body, PartSize = length,
                    UseChunkEncoding = false,
                }, cancellationToken);
                parts.Add(new PartETag(number, part.ETag));
            }
            await _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _endpoint.Bucket, Key = fullKey, UploadId = upload.UploadId, PartETags = parts,
            }, cancellationToken);
            Interlocked.Increment(ref _multipartUploads);
        }
        catch
        {
            await _client.AbortMultipartUploadAsync(_endpoint.Bucket, fullKey, upload.UploadId, CancellationToken.None);
            throw;
        }
    }
}
