namespace StatelessMind.Labs.Transformation.Jinja;

/// <summary>An expression of the supported subset; <see cref="Line"/> is where it starts in its file.</summary>
internal abstract record Expr(int Line);
internal sealed record Literal(object? Value, int Line) : Expr(Line);
internal sealed record Name(string Identifier, int Line) : Expr(Line);
internal sealed record ListExpr(IReadOnlyList<Expr> Items, int Line) : Expr(Line);
internal sealed record DictExpr(IReadOnlyList<(Expr Key, Expr Value)> Pairs, int Line) : Expr(Line);
internal sealed record Attribute(Expr Target, string Member, int Line) : Expr(Line);
internal sealed record Index(Expr Target, Expr Key, int Line) : Expr(Line);
internal sealed record Call(Expr Callee, IReadOnlyList<Expr> Args, IReadOnlyList<(string Name, Expr Value)> Kwargs, int Line) : Expr(Line);
internal sealed record Filter(Expr Target, string FilterName, IReadOnlyList<Expr> Args, int Line) : Expr(Line);
internal sealed record Test(Expr Target, string TestName, bool Negated, int Line) : Expr(Line);
internal sealed record Unary(string Op, Expr Operand, int Line) : Expr(Line);
internal sealed record Binary(string Op, Expr Left, Expr Right, int Line) : Expr(Line);
internal sealed record Conditional(Expr Condition, Expr Then, Expr? Else, int Line) : Expr(Line);

/// <summary>A statement of a parsed template.</summary>
internal abstract record Node(int Line);
internal sealed record TextNode(string Text, int Line) : Node(Line);
internal sealed record OutputNode(Expr Value, int Line) : Node(Line);
internal sealed record SetNode(IReadOnlyList<string> Targets, Expr Value, int Line) : Node(Line);
internal sealed record SetBlockNode(string Target, IReadOnlyList<Node> Body, int Line) : Node(Line);
internal sealed record DoNode(Expr Value, int Line) : Node(Line);
internal sealed record IfNode(IReadOnlyList<(Expr Condition, IReadOnlyList<Node> Body)> Branches, IReadOnlyList<Node>? Else, int Line) : Node(Line);
internal sealed record ForNode(IReadOnlyList<string> Targets, Expr Source, IReadOnlyList<Node> Body, IReadOnlyList<Node>? Else, int Line) : Node(Line);
internal sealed record MacroNode(string MacroName, IReadOnlyList<(string Name, Expr? Default)> Parameters, IReadOnlyList<Node> Body, int Line) : Node(Line);
/// <summary>A named block dbt wraps a resource in (<c>{% snapshot name %}</c>, <c>{% test name(model) %}</c>): its body renders in place.</summary>
internal sealed record ResourceBlockNode(string Kind, string ResourceName, IReadOnlyList<Node> Body, int Line) : Node(Line);
