using Avro;
using Avro.Generic;
using Avro.IO;
using StatelessMind.Labs.Encoding.Evolution;

namespace StatelessMind.Labs.Encoding.Tests;

/// <summary>
/// 1.1.5-1: the specification's promotions and its decimal rule on both sides: what the checker approves, what
/// Apache.Avro 1.12.2 does on its own, and what the lab's reader does.
/// </summary>
public sealed class PromotionTests(ITestOutputHelper output)
{
    private static PromotionOutcome Outcome(string name, CheckerBug bug = CheckerBug.None) =>
        Promotions.Run(Promotions.Cases.Single(c => c.Name == name), bug);

    [Fact]
    [Goal("1.1.5-1")]
    public void Every_outcome_is_printed()
    {
        foreach (var o in Promotions.Run())
            output.WriteLine($"{o.Case.Name}: checker {(o.Approved ? "approves" : "refuses: " + o.CheckerSays)}; Apache.Avro alone: {o.LibraryAlone}; the lab's reader: {o.LabReader}");
        Assert.Equal(Promotions.Cases.Count, Promotions.Run().Count);
    }

    [Theory]
    [Goal("1.1.5-1")]
    [InlineData("string → bytes")]
    [InlineData("bytes → string")]
    [InlineData("[null, string] → [null, bytes]")]
    [InlineData("array<bytes> → array<string>")]
    public void The_checker_approves_string_bytes_promotions_that_Apache_Avro_alone_refuses(string name)
    {
        var o = Outcome(name);

        Assert.True(o.Approved, o.CheckerSays);
        Assert.StartsWith("refused: ", o.LibraryAlone, StringComparison.Ordinal);
        Assert.Matches("Schema mismatch|No matching schema", o.LibraryAlone);
        output.WriteLine($"{name}: Apache.Avro alone {o.LibraryAlone}");
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void The_labs_reader_reads_every_pair_the_checker_approves_as_the_specification_says()
    {
        var outcomes = Promotions.Run();

        Assert.All(outcomes.Where(o => o.Approved), o => Assert.True(o.LabReaderCorrect, $"{o.Case.Name}: the lab's reader gave {o.LabReader}"));
        Assert.Equal(11, outcomes.Count(o => o.Approved));
    }

    [Theory]
    [Goal("1.1.5-1")]
    [InlineData("decimal(10,2) → decimal(10,3)")]
    [InlineData("decimal(10,2) → decimal(12,2)")]
    public void Decimals_must_match_in_precision_and_scale(string name)
    {
        var o = Outcome(name);
        var problem = Assert.Single(AvroCompatibility.Check(Promotions.RecordOf(o.Case.ReaderType), Promotions.RecordOf(o.Case.WriterType)));

        Assert.False(o.Approved);
        Assert.Equal(("P.value", IncompatibilityKind.DecimalMismatch), (problem.Path, problem.Kind));
        output.WriteLine($"{name}: {problem}; Apache.Avro alone: {o.LibraryAlone}");
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Apache_Avro_alone_reads_a_decimal_across_a_scale_change_as_another_number()
    {
        var o = Outcome("decimal(10,2) → decimal(10,3)");

        Assert.False(o.LibraryAloneCorrect);
        Assert.DoesNotContain("refused", o.LibraryAlone, StringComparison.Ordinal); // no error: a silently different value
        output.WriteLine($"12.34 written as decimal(10,2), read as decimal(10,3): {o.LibraryAlone}");
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void A_decimal_of_the_same_precision_and_scale_reads_back_exactly()
    {
        var o = Outcome("decimal(10,2) → decimal(10,2)");

        Assert.True(o.Approved && o.LabReaderCorrect && o.LibraryAloneCorrect, $"{o.CheckerSays}; {o.LabReader}");
    }

    [Fact]
    [Goal("1.1.5-1")]
    public void Planted_bug_a_checker_that_ignores_decimal_precision_and_scale_approves_a_pair_that_reads_wrong()
    {
        var outcomes = Promotions.Run(CheckerBug.IgnoreDecimalPrecisionAndScale);

        var broken = Assert.Single(outcomes, o => !o.Holds);
        Assert.Equal("decimal(10,2) → decimal(10,3)", broken.Case.Name);
        output.WriteLine($"with the planted bug the checker approves {broken.Case.Name}, and the reader gives {broken.LabReader}");
    }
}
