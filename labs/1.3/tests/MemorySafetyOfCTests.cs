namespace StatelessMind.Labs.Programming.Tests;

/// <summary>The C array's memory behaviour checked by tools, on the real binaries built by CMake.</summary>
public sealed class MemorySafetyOfCTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.3-4")]
    public async Task The_unit_tests_leave_no_leak_and_no_invalid_access_under_valgrind()
    {
        var report = await Memcheck.RunAsync(NativeArtifacts.CProgram("test_dynarray"));
        output.WriteLine($"errors {report.Errors}, definitely lost {report.DefinitelyLostBytes} B, in use at exit {report.InUseAtExitBytes} B");
        Assert.Equal(0, report.ExitCode);
        Assert.Equal(0, report.Errors);
        Assert.Equal(0, report.InUseAtExitBytes);
    }

    [Fact]
    [Goal("1.3-4")]
    public async Task AddressSanitizer_catches_a_pointer_kept_across_a_realloc()
    {
        var result = await UseAfterReallocDemo.RunWithAddressSanitizerAsync();
        output.WriteLine(result.StandardError.Split('\n').FirstOrDefault(l => l.Contains("ERROR", StringComparison.Ordinal)) ?? "(no ASan report)");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ERROR: AddressSanitizer: heap-use-after-free", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("use_after_realloc.c", result.StandardError, StringComparison.Ordinal); // it names the line of the read
    }

    [Fact]
    [Goal("1.3-4")]
    public async Task Valgrind_reports_the_same_stale_read_in_the_uninstrumented_build()
    {
        var report = await UseAfterReallocDemo.RunUnderValgrindAsync();
        Assert.True(report.Errors > 0);
        Assert.Contains("Invalid read of size 4", report.Output, StringComparison.Ordinal);
        Assert.Contains("free'd", report.Output, StringComparison.Ordinal);
    }

    [Fact]
    [Goal("1.3-4")]
    public void A_memcheck_summary_without_its_error_line_is_rejected()
    {
        var e = Assert.Throws<FormatException>(() => Memcheck.Parse("prog", 0, "==1== HEAP SUMMARY:"));
        Assert.Contains("ERROR SUMMARY", e.Message, StringComparison.Ordinal);
        var parsed = Memcheck.Parse("prog", 99, "==1==     in use at exit: 1,234 bytes in 2 blocks\n==1==    definitely lost: 40 bytes in 1 blocks\n==1== ERROR SUMMARY: 3 errors from 2 contexts");
        Assert.Equal((3, 40L, 1234L), (parsed.Errors, parsed.DefinitelyLostBytes, parsed.InUseAtExitBytes));
        Assert.False(parsed.IsClean);
    }
}
