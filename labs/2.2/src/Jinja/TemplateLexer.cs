using System.Text;

namespace StatelessMind.Labs.Transformation.Jinja;

internal enum SegmentKind { Text, Output, Statement }

/// <summary>One piece of a template: literal text, an <c>{{ expression }}</c> or a <c>{% statement %}</c> (comments are dropped).</summary>
internal sealed record Segment(SegmentKind Kind, string Body, int Line);

/// <summary>Cuts a template into text, outputs and statements, applying whitespace control (<c>{%-</c>, <c>-%}</c>, <c>{{-</c>, <c>-}}</c>, <c>{#- -#}</c>).</summary>
internal static class TemplateLexer
{
    public static List<Segment> Split(string file, string source)
    {
        var segments = new List<Segment>();
        var text = new StringBuilder();
        var textLine = 1;
        var line = 1;
        var stripNextText = false;
        var i = 0;
        while (i < source.Length)
        {
            var open = source.IndexOf('{', i);
            if (open < 0 || open + 1 >= source.Length) { Append(source[i..]); break; }
            var kind = source[open + 1];
            if (kind is not ('{' or '%' or '#')) { Append(source[i..(open + 1)]); i = open + 1; continue; }
            Append(source[i..open]);
            var tagLine = line;
            var close = kind switch { '{' => "}}", '%' => "%}", _ => "#}" };
            var end = source.IndexOf(close, open + 2, StringComparison.Ordinal);
            if (end < 0) throw new TemplateException(file, tagLine, $"'{source.Substring(open, 2)}' is never closed by '{close}'");
            var inner = source[(open + 2)..end];
            line += inner.Count(c => c == '\n');
            var stripBefore = inner.StartsWith('-');
            var stripAfter = inner.EndsWith('-');
            if (stripBefore) inner = inner[1..];
            if (stripAfter && inner.Length > 0) inner = inner[..^1];
            if (stripBefore) TrimTextEnd();
            FlushText();
            if (kind != '#')
                segments.Add(new Segment(kind == '{' ? SegmentKind.Output : SegmentKind.Statement, inner.Trim(), tagLine));
            i = end + 2;
            stripNextText = stripAfter;
            textLine = line;
        }
        FlushText();
        return segments;

        void Append(string s)
        {
            if (stripNextText) { s = s.TrimStart(); stripNextText = s.Length == 0; }
            if (text.Length == 0) textLine = line - 0;
            text.Append(s);
            line += s.Count(c => c == '\n');
        }

        void TrimTextEnd()
        {
            var n = text.Length;
            while (n > 0 && char.IsWhiteSpace(text[n - 1])) n--;
            text.Length = n;
        }

        void FlushText()
        {
            if (text.Length > 0) segments.Add(new Segment(SegmentKind.Text, text.ToString(), textLine));
            text.Clear();
        }
    }
}
