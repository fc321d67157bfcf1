using StatelessMind.Labs.Transformation.Jinja;

namespace StatelessMind.Labs.Transformation.Tests.Jinja;

[Goal("2.2-3")]
public sealed class JinjaFilterTests
{
    private static string Render(string template) => new JinjaEnvironment().Render("filters.sql", template, new Dictionary<string, object?> { ["nothing"] = null });

    [Theory]
    [InlineData("{{ 'Sales' | upper }}|{{ ' x ' | trim }}|{{ 'A' | lower }}", "SALES|x|a")]
    [InlineData("{{ ['a', 'b', 'c'] | join(', ') }}|{{ [1, 2, 3] | length }}", "a, b, c|3")]
    [InlineData("{{ nothing | default('fallback') }}|{{ '' | default('empty', true) }}", "fallback|empty")]
    [InlineData("{{ '42' | int + 1 }}|{{ 2.567 | round(1) }}|{{ 'a-b' | replace('-', '_') }}", "43|2.6|a_b")]
    [InlineData("{{ [3, 1, 2] | sort | first }}|{{ [3, 1, 2] | last }}", "1|2")]
    [InlineData("{{ '5432' | as_number + 1 }}|{{ 7 | as_text ~ '' }}|{{ 'true' | as_bool }}", "5433|7|True")]
    public void Filters_transform_values(string template, string expected) => Assert.Equal(expected, Render(template));

    [Fact]
    public void An_unknown_filter_is_an_error_at_its_line()
    {
        var e = Assert.Throws<TemplateException>(() => Render("select\n{{ 'x' | shout }}"));
        Assert.Equal(2, e.Line);
        Assert.Contains("unsupported filter 'shout'", e.Message, StringComparison.Ordinal);
    }
}
