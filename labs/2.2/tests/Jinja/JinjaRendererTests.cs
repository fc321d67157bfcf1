using StatelessMind.Labs.Transformation.Jinja;

namespace StatelessMind.Labs.Transformation.Tests.Jinja;

[Goal("2.2-3")]
public sealed class JinjaRendererTests
{
    private static string Render(string template, Dictionary<string, object?>? locals = null, JinjaEnvironment? env = null) =>
        (env ?? new JinjaEnvironment()).Render("model.sql", template, locals);

    [Theory]
    [InlineData("{{ 1 + 2 * 3 }}", "7")]
    [InlineData("{{ 7 // 2 }} {{ 7 % 3 }} {{ 7 / 2 }}", "3 1 3.5")]
    [InlineData("{{ 'a' ~ 1 ~ none }}", "a1None")]
    [InlineData("{{ 2 in [1, 2] and 'x' not in 'abc' }}", "True")]
    [InlineData("{{ 'yes' if 3 > 2 else 'no' }}", "yes")]
    [InlineData("{{ {'k': [10, 20]}['k'][-1] }}", "20")]
    [InlineData("{{ not (1 == 1.0) or false }}", "False")]
    public void Expressions_follow_jinja_precedence_and_python_values(string template, string expected) =>
        Assert.Equal(expected, Render(template));

    [Fact]
    public void Set_if_elif_else_choose_the_first_true_branch()
    {
        const string template = "{% set n = 5 %}{% if n < 3 %}small{% elif n < 10 %}medium{% else %}large{% endif %}";
        Assert.Equal("medium", Render(template));
    }

    [Fact]
    public void Block_set_captures_rendered_text()
    {
        Assert.Equal("[x=1]", Render("{% set body %}x={{ 1 }}{% endset %}[{{ body }}]"));
    }

    [Fact]
    public void Macros_take_positional_keyword_and_default_arguments()
    {
        const string template = "{% macro cast(col, type='text', alias=none) %}cast({{ col }} as {{ type }}){% if alias %} as {{ alias }}{% endif %}{% endmacro %}" +
                                "{{ cast('a') }}|{{ cast('b', 'int') }}|{{ cast('c', alias='c2') }}";
        Assert.Equal("cast(a as text)|cast(b as int)|cast(c as text) as c2", Render(template));
    }

    [Fact]
    public void Macros_from_macro_files_are_global_and_return_values_with_return()
    {
        var env = new JinjaEnvironment();
        env.DefineMacros("macros/m.sql", "{% macro cents_to_dollars(col, scale=2) %}round({{ col }} / 100.0, {{ scale }}){% endmacro %}\n" +
                                         "{% macro columns() %}{{ return(['a', 'b']) }}{% endmacro %}");
        Assert.Equal("round(price / 100.0, 2) a,b", Render("{{ cents_to_dollars('price') }} {{ columns() | join(',') }}", env: env));
    }

    [Fact]
    public void Whitespace_control_strips_around_tags_and_comments_vanish()
    {
        const string template = "select\n    {%- for c in ['a', 'b'] %}\n    {{ c }}{% if not loop.last %},{% endif %}\n    {%- endfor %}\nfrom t {# a comment #}";
        Assert.Equal("select\n    a,\n    b\nfrom t ", Render(template));
    }

    [Fact]
    public void Host_objects_and_functions_render_through_the_scope()
    {
        var locals = new Dictionary<string, object?>
        {
            ["ref"] = (JinjaFunction)((args, _) => $"\"analytics\".\"{args[0]}\""),
            ["is_incremental"] = (JinjaFunction)((_, _) => true),
        };
        Assert.Equal("select * from \"analytics\".\"orders\" where true",
            Render("select * from {{ ref('orders') }}{% if is_incremental() %} where true{% endif %}", locals));
    }

    [Theory]
    [InlineData("line 1\n{% while true %}{% endwhile %}", 2, "unsupported tag 'while'")]
    [InlineData("a\nb\n{{ missing }}", 3, "'missing' is undefined")]
    [InlineData("{% if true %}\nopen", 2, "endif")]
    [InlineData("{{ 1 +* 2 }}", 1, "unexpected '*'")]
    [InlineData("x\n{{ (1, 2) }}", 2, "tuples are not supported")]
    [InlineData("{% macro m(a) %}{% endmacro %}\n\n{{ m(1, 2) }}", 3, "takes 1 arguments")]
    public void Unsupported_or_wrong_syntax_is_an_error_naming_file_and_line(string template, int line, string problem)
    {
        var e = Assert.Throws<TemplateException>(() => Render(template));
        Assert.Equal("model.sql", e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defined_and_none_tests()
    {
        Assert.Equal("no yes", Render("{{ 'yes' if x is defined else 'no' }} {{ 'yes' if y is none else 'no' }}", new() { ["y"] = null }));
    }
}
