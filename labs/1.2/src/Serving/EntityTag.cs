using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace StatelessMind.Labs.Lifecycle.Serving;

/// <summary>
/// Strong entity tags and conditional GET: the tag is a hash of the exact bytes of the representation, so it changes
/// exactly when what the client would receive changes; a request whose <c>If-None-Match</c> holds it gets 304 and no body.
/// </summary>
public static class EntityTag
{
    public static string Of(ReadOnlySpan<byte> body) => $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"";

    /// <summary>Writes <paramref name="body"/> (JSON) with its tag, or 304 when the client already holds it.</summary>
    public static async Task WriteAsync(HttpContext context, byte[] body, ServingBug bug)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        var tag = bug == ServingBug.EtagFromQuery ? Of(Encoding.UTF8.GetBytes(context.Request.Path + context.Request.QueryString)) : Of(body);
        #region Exercise 1.2-6c: the conditional answer: 304 when the client already holds this tag (tests: ServingCachingTests)
        context.Response.Headers.ETag = tag;
        context.Response.Headers.CacheControl = "no-cache"; // a cache may keep it, but must revalidate every time
        var held = context.Request.Headers.IfNoneMatch.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        if (held.Any(h => h == tag || h == "*"))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        #endregion
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
