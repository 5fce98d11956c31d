using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Verification;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Pruning.Channels;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Pruning.Channels;

/// <summary>Acceptance of `prune-channels` on the shared Ultralytics exports.</summary>
public sealed class UltralyticsChannelPruningTests
{
    private static readonly Dictionary<string, long> DynamicDims = new() { ["batch"] = 1, ["height"] = 640, ["width"] = 640 };

    [SkippableTheory]
    [MemberData(nameof(SharedData.FloatExports), MemberType = typeof(SharedData))]
    public void Quarter_of_the_flops_goes_and_the_model_still_runs_with_the_same_interface(string file)
    {
        string? path = SharedData.UltralyticsModel(file);
        Skip.If(path is null, SharedData.MissingMessage);
        var model = ModelReader.Load(path!);
        var original = Equivalence.Clone(model);

        var report = PipelineRunner.Run(model, "prune-channels{target-flops=0.25}");

        var stats = report.Runs[0].Statistics;
        Assert.True(stats.Get("channels-removed") > 0);
        Assert.InRange(stats.Get("flops-reduction"), 0.25, 0.35);
        Assert.DoesNotContain(GraphVerifier.Verify(model), d => d.IsError);
        Assert.Equal(original.Graph.Outputs.Select(v => v.ToString()), model.Graph.Outputs.Select(v => v.ToString()));
        var inputs = new InputGenerator { Dims = DynamicDims }.Generate(original);
        using var before = new OrtRunner(original);
        using var after = new OrtRunner(ModelWriter.ToBytes(model));
        var expected = before.Run(inputs);
        var actual = after.Run(inputs);
        foreach (var (name, tensor) in expected)
        {
            Assert.Equal(tensor.Dims, actual[name].Dims);
        }
    }

    [SkippableFact]
    public void Yolov8n_head_outputs_keep_their_channels_and_groups_follow_c2f_splits()
    {
        string? path = SharedData.UltralyticsModel("yolov8n.onnx");
        Skip.If(path is null, SharedData.MissingMessage);
        var model = ModelReader.Load(path!);
        var analysis = ChannelAnalyzer.Analyze(model, ChannelAnalyzer.Protection(model, string.Empty, string.Empty, protectHead: true));

        // The two halves of every C2f Split are separate groups; the second half is united with the bottleneck Adds.
        Assert.Contains(analysis.Groups, g => g.Prunable && g.Producers.SequenceEqual(["/model.2/cv1/conv/Conv", "/model.2/m.0/cv2/conv/Conv"]));
        Assert.Contains(analysis.Groups, g => g.Prunable && g.Producers.SequenceEqual(["/model.2/cv1/conv/Conv"]) && g.Channels == 16);

        PipelineRunner.Run(model, "prune-channels{amount=0.5 max-per-group=0.9}");
        foreach (var conv in model.Graph.Nodes.Where(n => n.OpType == "Conv" && n.Name.StartsWith("/model.22/", StringComparison.Ordinal) && !n.Name.EndsWith("/conv/Conv", StringComparison.Ordinal)))
        {
            long expected = conv.Name.Contains("dfl", StringComparison.Ordinal) ? 1 : conv.Name.Contains("cv2", StringComparison.Ordinal) ? 64 : 80;
            Assert.Equal(expected, conv.Input(1)!.ConstValue!.Dims[0]);
        }
    }
}
