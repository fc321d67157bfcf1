using System.Globalization;
using System.Text;

namespace StatelessMind.Labs.Transformation.Jinja;

internal enum TokenKind { Name, String, Number, Op, End }

internal sealed record Token(TokenKind Kind, string Text, object? Value, int Line);

/// <summary>
/// Parses the expression language of the subset with Jinja's precedence: conditional, or, and, not, comparisons
/// (<c>== != &lt; &gt; &lt;= &gt;= in, not in, is [not]</c>), <c>~</c>, <c>+ -</c>, <c>* / // %</c>, unary minus, filters,
/// then attribute, index and call postfixes. Anything else is a <see cref="TemplateException"/> at its line.
/// </summary>
internal sealed class ExpressionParser
{
    private static readonly string[] TwoCharOps = ["==", "!=", "<=", ">=", "//", "**"];
    private const string OneCharOps = "()[]{},.:|~+-*/%<>=";
    private readonly string _file;
    private readonly List<Token> _tokens;
    private int _pos;

    public ExpressionParser(string file, string text, int line)
    {
        _file = file;
        _tokens = Tokenize(file, text, line);
    }

    public Token Peek => _tokens[_pos];
    public bool AtEnd => Peek.Kind == TokenKind.End;

    public TemplateException Error(string problem) => new(_file, Peek.Line, problem);

    public Token Next() => _tokens[_pos++];

    public bool TryOp(string op)
    {
        if (Peek.Kind == TokenKind.Op && Peek.Text == op) { _pos++; return true; }
        return false;
    }

    public bool TryKeyword(string word)
    {
        if (Peek.Kind == TokenKind.Name && Peek.Text == word) { _pos++; return true; }
        return false;
    }

    public void ExpectOp(string op)
    {
        if (!TryOp(op)) throw Error($"expected '{op}' but found '{Peek.Text}'");
    }

    public string ExpectName()
    {
        if (Peek.Kind != TokenKind.Name) throw Error($"expected a name but found '{Peek.Text}'");
        return Next().Text;
    }

    public void ExpectEnd()
    {
        if (!AtEnd) throw Error($"unexpected '{Peek.Text}' (unsupported syntax)");
    }

    public Expr ParseExpression()
    {
        var line = Peek.Line;
        var value = ParseOr();
        if (TryKeyword("if"))
        {
            var condition = ParseOr();
            Expr? otherwise = TryKeyword("else") ? ParseExpression() : null;
            return new Conditional(condition, value, otherwise, line);
        }
        return value;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Peek.Kind == TokenKind.Name && Peek.Text == "or") { var l = Next().Line; left = new Binary("or", left, ParseAnd(), l); }
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (Peek.Kind == TokenKind.Name && Peek.Text == "and") { var l = Next().Line; left = new Binary("and", left, ParseNot(), l); }
        return left;
    }

    private Expr ParseNot()
    {
        if (Peek.Kind == TokenKind.Name && Peek.Text == "not") { var l = Next().Line; return new Unary("not", ParseNot(), l); }
        return ParseCompare();
    }

    private Expr ParseCompare()
    {
        var left = ParseConcat();
        while (true)
        {
            var line = Peek.Line;
            if (Peek.Kind == TokenKind.Op && Peek.Text is "==" or "!=" or "<" or ">" or "<=" or ">=")
                left = new Binary(Next().Text, left, ParseConcat(), line);
            else if (TryKeyword("in")) left = new Binary("in", left, ParseConcat(), line);
            else if (Peek.Kind == TokenKind.Name && Peek.Text == "not" && _tokens[_pos + 1] is { Kind: TokenKind.Name, Text: "in" })
            {
                _pos += 2;
                left = new Binary("not in", left, ParseConcat(), line);
            }
            else if (TryKeyword("is"))
            {
                var negated = TryKeyword("not");
                left = new Test(left, ExpectName(), negated, line);
            }
            else return left;
        }
    }

    private Expr ParseConcat()
    {
        var left = ParseAdd();
        while (Peek.Kind == TokenKind.Op && Peek.Text == "~") { var l = Next().Line; left = new Binary("~", left, ParseAdd(), l); }
        return left;
    }

    private Expr ParseAdd()
    {
        var left = ParseMul();
        while (Peek.Kind == TokenKind.Op && Peek.Text is "+" or "-") { var t = Next(); left = new Binary(t.Text, left, ParseMul(), t.Line); }
        return left;
    }

    private Expr ParseMul()
    {
        var left = ParseUnary();
        while (Peek.Kind == TokenKind.Op && Peek.Text is "*" or "/" or "//" or "%")
        {
            var t = Next();
            left = new Binary(t.Text, left, ParseUnary(), t.Line);
        }
        return left;
    }

    private Expr ParseUnary()
    {
        if (Peek.Kind == TokenKind.Op && Peek.Text == "-") { var l = Next().Line; return new Unary("-", ParseUnary(), l); }
        if (Peek.Kind == TokenKind.Op && Peek.Text == "**") throw Error("'**' is not supported");
        var value = ParsePostfix(ParsePrimary());
        while (TryOp("|"))
        {
            var line = Peek.Line;
            var name = ExpectName();
            var args = new List<Expr>();
            if (TryOp("("))
            {
                if (!TryOp(")"))
                {
                    do args.Add(ParseExpression()); while (TryOp(","));
                    ExpectOp(")");
                }
            }
            value = new Filter(value, name, args, line);
        }
        return value;
    }

    private Expr ParsePostfix(Expr value)
    {
        while (true)
        {
            var line = Peek.Line;
            if (TryOp(".")) value = new Attribute(value, ExpectName(), line);
            else if (TryOp("["))
            {
                var key = ParseExpression();
                if (Peek.Text == ":") throw Error("slices are not supported");
                ExpectOp("]");
                value = new Index(value, key, line);
            }
            else if (TryOp("("))
            {
                var args = new List<Expr>();
                var kwargs = new List<(string, Expr)>();
                if (!TryOp(")"))
                {
                    do
                    {
                        if (Peek.Kind == TokenKind.Name && _tokens[_pos + 1] is { Kind: TokenKind.Op, Text: "=" })
                        {
                            var name = Next().Text;
                            _pos++;
                            kwargs.Add((name, ParseExpression()));
                        }
                        else if (kwargs.Count > 0) throw Error("a positional argument follows a keyword argument");
                        else args.Add(ParseExpression());
                    } while (TryOp(","));
                    ExpectOp(")");
                }
                value = new Call(value, args, kwargs, line);
            }
            else return value;
        }
    }

    private Expr ParsePrimary()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case TokenKind.String:
            {
                Next();
                var s = (string)t.Value!;
                while (Peek.Kind == TokenKind.String) s += (string)Next().Value!; // adjacent literals concatenate
                return new Literal(s, t.Line);
            }
            case TokenKind.Number:
                Next();
                return new Literal(t.Value, t.Line);
            case TokenKind.Name:
                Next();
                return t.Text switch
                {
                    "true" or "True" => new Literal(true, t.Line),
                    "false" or "False" => new Literal(false, t.Line),
                    "none" or "None" => new Literal(null, t.Line),
                    _ => new Name(t.Text, t.Line),
                };
            case TokenKind.Op when t.Text == "(":
            {
                Next();
                var inner = ParseExpression();
                if (Peek.Text == ",") throw Error("tuples are not supported; use a list");
                ExpectOp(")");
                return inner;
            }
            case TokenKind.Op when t.Text == "[":
            {
                Next();
                var items = new List<Expr>();
                if (!TryOp("]"))
                {
                    do { if (Peek.Text == "]") break; items.Add(ParseExpression()); } while (TryOp(","));
                    ExpectOp("]");
                }
                return new ListExpr(items, t.Line);
            }
            case TokenKind.Op when t.Text == "{":
            {
                Next();
                var pairs = new List<(Expr, Expr)>();
                if (!TryOp("}"))
                {
                    do
                    {
                        if (Peek.Text == "}") break;
                        var key = ParseExpression();
                        ExpectOp(":");
                        pairs.Add((key, ParseExpression()));
                    } while (TryOp(","));
                    ExpectOp("}");
                }
                return new DictExpr(pairs, t.Line);
            }
            case TokenKind.End:
                throw Error("the expression ends too early");
            default:
                throw Error($"unexpected '{t.Text}'");
        }
    }

    private static List<Token> Tokenize(string file, string text, int line)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n') { line++; i++; continue; }
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(new Token(TokenKind.Name, text[start..i], null, line));
            }
            else if (char.IsDigit(c))
            {
                var start = i;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '_')) i++;
                var isFloat = i + 1 < text.Length && text[i] == '.' && char.IsDigit(text[i + 1]);
                if (isFloat) { i++; while (i < text.Length && char.IsDigit(text[i])) i++; }
                var digits = text[start..i].Replace("_", "", StringComparison.Ordinal);
                tokens.Add(new Token(TokenKind.Number, digits,
                    isFloat ? (object)double.Parse(digits, CultureInfo.InvariantCulture) : long.Parse(digits, CultureInfo.InvariantCulture), line));
            }
            else if (c is '\'' or '"')
            {
                var sb = new StringBuilder();
                var startLine = line;
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new TemplateException(file, startLine, "a string literal is never closed");
                    var d = text[i++];
                    if (d == c) break;
                    if (d == '\n') line++;
                    if (d == '\\' && i < text.Length)
                    {
                        var e = text[i++];
                        sb.Append(e switch { 'n' => '\n', 't' => '\t', _ => e });
                    }
                    else sb.Append(d);
                }
                tokens.Add(new Token(TokenKind.String, text[i..i], sb.ToString(), startLine));
            }
            else if (i + 1 < text.Length && TwoCharOps.Contains(text.Substring(i, 2)))
            {
                tokens.Add(new Token(TokenKind.Op, text.Substring(i, 2), null, line));
                i += 2;
            }
            else if (OneCharOps.Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new Token(TokenKind.Op, c.ToString(), null, line));
                i++;
            }
            else throw new TemplateException(file, line, $"unexpected character '{c}'");
        }
        tokens.Add(new Token(TokenKind.End, "end of expression", null, line));
        return tokens;
    }
}
