using System.Globalization;
using System.Text;

namespace StatelessMind.Labs.Lifecycle.Serving;

/// <summary>Where a page ends: the sort key (date key, store key) of its last row, sent to clients as an opaque base64url token.</summary>
public sealed record PageCursor(int DateKey, string StoreKey)
{
    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{DateKey.ToString(CultureInfo.InvariantCulture)}:{StoreKey}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The cursor a token holds, or null when it is not one this API issued (wrong base64, wrong shape, a key that is not 32 hex digits).</summary>
    public static PageCursor? TryDecode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length is 0 or > 64) return null;
        var b64 = token.Replace('-', '+').Replace('_', '/');
        b64 += new string('=', (4 - b64.Length % 4) % 4);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(b64);
        }
        catch (FormatException)
        {
            return null;
        }
        var parts = Encoding.UTF8.GetString(bytes).Split(':');
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var date) && IsStoreKey(parts[1])
            ? new PageCursor(date, parts[1])
            : null;
    }

    public static bool IsStoreKey(string value) => value.Length == 32 && value.All(char.IsAsciiHexDigitLower);
}
