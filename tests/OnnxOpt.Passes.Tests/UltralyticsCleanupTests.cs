using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Verification;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests;

/// <summary>The `cleanup` preset on real Ultralytics exports: same outputs in ONNX Runtime, same interface and metadata.</summary>
public sealed class UltralyticsCleanupTests
{
    private static readonly Dictionary<string, long> DynamicDims = new() { ["batch"] = 1, ["height"] = 640, ["width"] = 640 };

    [SkippableTheory]
    [MemberData(nameof(SharedData.FloatExports), MemberType = typeof(SharedData))]
    public void Cleanup_keeps_outputs_names_and_metadata(string file)
    {
        string? path = SharedData.UltralyticsModel(file);
        Skip.If(path is null, SharedData.MissingMessage);

        var original = ModelReader.Load(path!);
        var cleaned = Equivalence.Clone(original);

        var report = PipelineRunner.Run(cleaned, "cleanup");

        Assert.True(report.Converged);
        Assert.DoesNotContain(GraphVerifier.Verify(cleaned), d => d.IsError);
        Assert.Equal(original.Graph.Inputs.Select(v => v.ToString()), cleaned.Graph.Inputs.Select(v => v.ToString()));
        Assert.Equal(original.Graph.Outputs.Select(v => v.ToString()), cleaned.Graph.Outputs.Select(v => v.ToString()));
        Assert.Equal(original.MetadataProps, cleaned.MetadataProps);
        Assert.Equal(original.Graph.MetadataProps, cleaned.Graph.MetadataProps);
        Assert.True(cleaned.Graph.Nodes.Count <= original.Graph.Nodes.Count);
        Assert.False(PipelineRunner.Run(cleaned, "cleanup").Changed);
        Equivalence.AssertSameOutputs(original, cleaned, dims: DynamicDims);
    }
}
