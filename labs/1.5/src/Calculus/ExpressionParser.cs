using System.Globalization;

namespace StatelessMind.Labs.MathFoundations.Calculus;

/// <summary>
/// Reads expressions such as <c>x^2*y + sin(x*y) - 3/z</c>. Grammar (recursive descent, usual precedence,
/// ^ binds tightest and to the right, unary minus below ^ so that -x^2 = -(x^2)):
/// <code>
/// sum     = product { ("+" | "-") product }
/// product = unary { ("*" | "/") unary }
/// unary   = "-" unary | power
/// power   = atom [ "^" unary ]
/// atom    = number | name | name "(" sum ")" | "(" sum ")"
/// </code>
/// Function names are those of <see cref="MathFunction"/> in lower case; any other name is a variable.
/// </summary>
public sealed class ExpressionParser
{
    private readonly string _text;
    private int _pos;

    private ExpressionParser(string text) => _text = text;

    public static Expr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new ExpressionParser(text);
        var expr = parser.ParseSum();
        parser.SkipSpace();
        if (parser._pos < text.Length) throw new ExpressionParseException(text, parser._pos, "an operator or the end of the expression");
        return expr;
    }

    private Expr ParseSum()
    {
        var left = ParseProduct();
        while (true)
        {
            if (Accept('+')) left = new Sum(left, ParseProduct());
            else if (Accept('-')) left = new Sum(left, new Negation(ParseProduct()));
            else return left;
        }
    }

    private Expr ParseProduct()
    {
        var left = ParseUnary();
        while (true)
        {
            if (Accept('*')) left = new Product(left, ParseUnary());
            else if (Accept('/')) left = new Quotient(left, ParseUnary());
            else return left;
        }
    }

    private Expr ParseUnary() => Accept('-') ? new Negation(ParseUnary()) : ParsePower();

    private Expr ParsePower()
    {
        var atom = ParseAtom();
        return Accept('^') ? new Power(atom, ParseUnary()) : atom;
    }

    private Expr ParseAtom()
    {
        SkipSpace();
        if (_pos >= _text.Length) throw new ExpressionParseException(_text, _pos, "a number, a name or '('");
        var c = _text[_pos];
        if (Accept('('))
        {
            var inner = ParseSum();
            Expect(')');
            return inner;
        }
        if (char.IsAsciiDigit(c) || c == '.')
        {
            var start = _pos;
            while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '.')) _pos++;
            if (_pos < _text.Length && _text[_pos] is 'e' or 'E')
            {
                var mark = _pos++;
                if (_pos < _text.Length && _text[_pos] is '+' or '-') _pos++;
                if (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
                else _pos = mark;
            }
            var token = _text[start.._pos];
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new ExpressionParseException(_text, start, $"a number, not '{token}'");
            return new Constant(value);
        }
        if (char.IsAsciiLetter(c) || c == '_')
        {
            var start = _pos;
            while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
            var name = _text[start.._pos];
            SkipSpace();
            if (_pos < _text.Length && _text[_pos] == '(')
            {
                if (!Enum.TryParse<MathFunction>(name, ignoreCase: true, out var function) || name != name.ToLowerInvariant())
                    throw new ExpressionParseException(_text, start,
                        $"one of the functions {string.Join(", ", Enum.GetNames<MathFunction>().Select(n => n.ToLowerInvariant()))} before '(', not '{name}'");
                _pos++;
                var argument = ParseSum();
                Expect(')');
                return new Call(function, argument);
            }
            return new Variable(name);
        }
        throw new ExpressionParseException(_text, _pos, "a number, a name or '('");
    }

    private bool Accept(char c)
    {
        SkipSpace();
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }
        return false;
    }

    private void Expect(char c)
    {
        if (!Accept(c)) throw new ExpressionParseException(_text, _pos, $"'{c}'");
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }
}
