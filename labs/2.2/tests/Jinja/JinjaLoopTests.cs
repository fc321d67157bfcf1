using StatelessMind.Labs.Transformation.Jinja;

namespace StatelessMind.Labs.Transformation.Tests.Jinja;

[Goal("2.2-3")]
public sealed class JinjaLoopTests
{
    private static string Render(string template) => new JinjaEnvironment().Render("loop.sql", template);

    [Fact]
    public void The_loop_variable_counts_and_marks_first_and_last()
    {
        Assert.Equal("1a/3 2b 3c!", Render("{% for x in ['a', 'b', 'c'] %}{{ loop.index }}{{ x }}{% if loop.first %}/{{ loop.length }}{% endif %}{% if loop.last %}!{% else %} {% endif %}{% endfor %}"));
    }

    [Fact]
    public void Dict_items_unpack_into_two_names()
    {
        Assert.Equal("sum(case when status = 'paid' then 1 end) as paid, sum(case when status = 'open' then 1 end) as open",
            Render("{% for col, v in {'paid': 'paid', 'open': 'open'}.items() %}sum(case when status = '{{ v }}' then 1 end) as {{ col }}{{ ', ' if not loop.last }}{% endfor %}"));
    }

    [Fact]
    public void An_empty_sequence_renders_the_else_branch_and_sets_do_not_leak_out_of_the_loop()
    {
        Assert.Equal("none|0", Render("{% set n = 0 %}{% for x in [] %}{{ x }}{% else %}none{% endfor %}|{% for x in [1, 2] %}{% set n = n + x %}{% endfor %}{{ n }}"));
    }
}
