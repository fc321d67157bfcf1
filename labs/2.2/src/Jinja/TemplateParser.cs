namespace StatelessMind.Labs.Transformation.Jinja;

/// <summary>Builds the statement tree of a template; a tag outside the subset, or a block left open, is an error at its line.</summary>
internal sealed class TemplateParser(string file, List<Segment> segments, int lastLine)
{
    private int _pos;

    public static IReadOnlyList<Node> Parse(string file, string source)
    {
        var parser = new TemplateParser(file, TemplateLexer.Split(file, source), 1 + source.Count(c => c == '\n'));
        var body = parser.ParseBody([], out var end);
        if (end is not null) throw new TemplateException(file, end.Line, $"'{end.Body}' closes nothing");
        return body;
    }

    /// <summary>Parses until a statement whose first word is one of <paramref name="stops"/> (returned, consumed), or the end.</summary>
    private List<Node> ParseBody(string[] stops, out Segment? stoppedAt)
    {
        var nodes = new List<Node>();
        while (_pos < segments.Count)
        {
            var s = segments[_pos++];
            switch (s.Kind)
            {
                case SegmentKind.Text:
                    nodes.Add(new TextNode(s.Body, s.Line));
                    break;
                case SegmentKind.Output:
                {
                    var p = new ExpressionParser(file, s.Body, s.Line);
                    var e = p.ParseExpression();
                    p.ExpectEnd();
                    nodes.Add(new OutputNode(e, s.Line));
                    break;
                }
                default:
                {
                    var word = FirstWord(s.Body);
                    if (stops.Contains(word)) { stoppedAt = s; return nodes; }
                    nodes.Add(ParseStatement(s, word));
                    break;
                }
            }
        }
        stoppedAt = null;
        if (stops.Length > 0) throw new TemplateException(file, lastLine, $"the template ends before '{stops[^1]}'");
        return nodes;
    }

    private static string FirstWord(string body)
    {
        var n = 0;
        while (n < body.Length && (char.IsLetterOrDigit(body[n]) || body[n] == '_')) n++;
        return body[..n];
    }

    private Node ParseStatement(Segment s, string word)
    {
        var p = new ExpressionParser(file, s.Body, s.Line);
        p.Next(); // the keyword
        switch (word)
        {
            case "set":
            {
                var targets = new List<string> { p.ExpectName() };
                while (p.TryOp(",")) targets.Add(p.ExpectName());
                if (p.AtEnd)
                {
                    if (targets.Count > 1) throw p.Error("a block set takes one name");
                    var body = ParseBody(["endset"], out _);
                    return new SetBlockNode(targets[0], body, s.Line);
                }
                p.ExpectOp("=");
                var value = p.ParseExpression();
                p.ExpectEnd();
                return new SetNode(targets, value, s.Line);
            }
            case "do":
            {
                var value = p.ParseExpression();
                p.ExpectEnd();
                return new DoNode(value, s.Line);
            }
            case "if":
            {
                var branches = new List<(Expr, IReadOnlyList<Node>)>();
                var condition = p.ParseExpression();
                p.ExpectEnd();
                while (true)
                {
                    var body = ParseBody(["elif", "else", "endif"], out var stop);
                    branches.Add((condition, body));
                    var stopWord = FirstWord(stop!.Body);
                    if (stopWord == "endif") return new IfNode(branches, null, s.Line);
                    if (stopWord == "else")
                    {
                        var otherwise = ParseBody(["endif"], out _);
                        return new IfNode(branches, otherwise, s.Line);
                    }
                    var q = new ExpressionParser(file, stop.Body, stop.Line);
                    q.Next();
                    condition = q.ParseExpression();
                    q.ExpectEnd();
                }
            }
            case "for":
            {
                var targets = new List<string> { p.ExpectName() };
                while (p.TryOp(",")) targets.Add(p.ExpectName());
                if (!p.TryKeyword("in")) throw p.Error("expected 'in' in a for statement");
                var source = p.ParseExpression();
                if (p.Peek.Text is "if" or "recursive") throw p.Error($"'for … {p.Peek.Text}' is not supported");
                p.ExpectEnd();
                var body = ParseBody(["else", "endfor"], out var stop);
                IReadOnlyList<Node>? otherwise = FirstWord(stop!.Body) == "else" ? ParseBody(["endfor"], out _) : null;
                return new ForNode(targets, source, body, otherwise, s.Line);
            }
            case "macro":
            {
                var name = p.ExpectName();
                var parameters = new List<(string, Expr?)>();
                p.ExpectOp("(");
                if (!p.TryOp(")"))
                {
                    do
                    {
                        var parameter = p.ExpectName();
                        parameters.Add((parameter, p.TryOp("=") ? p.ParseExpression() : null));
                    } while (p.TryOp(","));
                    p.ExpectOp(")");
                }
                p.ExpectEnd();
                return new MacroNode(name, parameters, ParseBody(["endmacro"], out _), s.Line);
            }
            case "snapshot" or "test":
            {
                var name = p.ExpectName();
                if (word == "test" && p.TryOp("("))
                {
                    while (!p.TryOp(")")) p.Next();
                }
                p.ExpectEnd();
                return new ResourceBlockNode(word, name, ParseBody(["end" + word], out _), s.Line);
            }
            default:
                throw new TemplateException(file, s.Line, $"unsupported tag '{(word.Length > 0 ? word : s.Body)}'");
        }
    }
}
