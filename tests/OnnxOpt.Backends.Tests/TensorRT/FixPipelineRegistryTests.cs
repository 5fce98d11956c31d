using System.Reflection;
using OnnxOpt.Backends.TensorRT.Checking;
using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Backends.TensorRT;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;
using Xunit;

namespace OnnxOpt.Backends.Tests.TensorRT;

/// <summary>
/// The TensorRT backend names pipelines as text (it does not reference the pass library); every pipeline it can
/// suggest or run must parse against the pass registry, so a renamed pass or option fails here, not in a user's shell.
/// </summary>
public sealed class FixPipelineRegistryTests
{
    public static TheoryData<string> ConstantPipelines()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(FixPipelines).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
        {
            data.Add((string)field.GetRawConstantValue()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ConstantPipelines))]
    public void Every_named_fix_pipeline_parses(string pipeline) => AssertParses(pipeline);

    [Fact]
    public void The_named_fix_pipelines_are_all_covered() =>
        Assert.True(ConstantPipelines().Count >= 5, "reflection found fewer FixPipelines constants than the backend defines");

    [Fact]
    public void Opset_conversions_for_every_target_parse()
    {
        foreach (var target in TargetProfiles.All)
        {
            AssertParses(FixPipelines.ConvertOpset(target.Parser.MaxOpset));
            AssertParses(FixPipelines.ConvertOpset(Math.Max(target.Parser.MinOpset, 13)));
        }
    }

    [Fact]
    public void The_newest_convertible_opset_is_the_passs_own_limit()
    {
        AssertParses($"convert-opset{{version={FixPipelines.NewestConvertibleOpset}}}");
        Assert.Throws<PipelineException>(() => PipelineRunner.Parse($"convert-opset{{version={FixPipelines.NewestConvertibleOpset + 1}}}"));
    }

    [Fact]
    public void The_conversion_before_a_strongly_typed_fp16_build_parses()
    {
        var facts = ModelFacts.Inspect(TestModels.ConvRelu(), sparsity: false);
        var strongly = Assert.Single(TargetProfiles.All, t => t.StronglyTyped);
        string conversion = EnginePlanner.RequiredConversion(strongly, Precision.Fp16, facts)!;

        Assert.NotNull(conversion);
        AssertParses(conversion);
    }

    [Fact]
    public void Every_pipeline_the_pre_flight_check_suggests_parses()
    {
        var suggested = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in TargetProfiles.All)
        {
            foreach (var opset in new long[] { 21, 25 })
            {
                foreach (var precision in new Precision?[] { null, Precision.Fp16, Precision.Int8 })
                {
                    var report = CompatibilityChecker.Check(TestModels.ConvRelu(opset, dynamicBatch: true), target, new CheckOptions { Precision = precision });
                    suggested.UnionWith(report.Diagnostics.Select(d => d.Fix?.Pipeline).OfType<string>());
                }
            }
        }

        Assert.NotEmpty(suggested);
        Assert.All(suggested, AssertParses);
    }

    private static void AssertParses(string pipeline)
    {
        var parsed = PipelineRunner.Parse(pipeline);
        Assert.NotEmpty(parsed.Items);
        Assert.Equal(parsed.ToString(), PipelineRunner.Parse(parsed.ToString()).ToString());
    }
}
