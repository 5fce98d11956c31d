using Xunit;
using Xunit.Abstractions;

namespace OnnxOpt.Passes.Tests.Conformance;

/// <summary>
/// The built-in kernels against the ONNX backend node tests: one theory row per test whose model uses only covered
/// ops. Rows listed in <see cref="ConformanceExclusions"/> are skipped with their reason; the summary test checks that
/// every excluded case still fails (so the list cannot go stale) and that every other case passes.
/// </summary>
public sealed class KernelConformanceTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Cases()
    {
        var cases = NodeTestSuite.CoveredCases;
        return cases.Count == 0 ? [["(node tests not installed)"]] : cases.Select(c => new object[] { c.Name });
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Node_test_passes_with_builtin_kernels(string name)
    {
        Skip.If(NodeTestSuite.Root is null, NodeTestSuite.MissingMessage);
        Skip.If(ConformanceExclusions.Reasons.TryGetValue(name, out var reason), reason);
        var testCase = NodeTestSuite.CoveredCases.Single(c => c.Name == name);
        Assert.Null(NodeTestRunner.Check(testCase));
    }

    [SkippableFact]
    public void Summary_every_covered_case_passes_or_is_excluded_for_a_reason_that_still_holds()
    {
        Skip.If(NodeTestSuite.Root is null, NodeTestSuite.MissingMessage);
        var cases = NodeTestSuite.CoveredCases;
        int passed = 0;
        var unexpected = new List<string>();
        foreach (var testCase in cases)
        {
            string? failure = NodeTestRunner.Check(testCase);
            bool excluded = ConformanceExclusions.Reasons.ContainsKey(testCase.Name);
            if (failure is null)
            {
                passed++;
                if (excluded)
                {
                    unexpected.Add($"{testCase.Name} passes but is excluded");
                }
            }
            else if (!excluded)
            {
                unexpected.Add($"{testCase.Name}: {failure}");
            }
        }

        output.WriteLine($"node tests covered: {cases.Count}, passed: {passed}, excluded: {cases.Count - passed}");
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
        Assert.True(cases.Count > 300, $"only {cases.Count} covered node tests found");
    }
}
