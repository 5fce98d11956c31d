using FsCheck.Xunit;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Text;
using OnnxOpt.Graph.Verification;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests;

/// <summary>
/// Every cleanup pass, and the `cleanup` preset, on random conv nets: the verifier accepts the result and ONNX
/// Runtime computes the same outputs as before (atol 1e-5, rtol 1e-4).
/// </summary>
public sealed class CleanupPropertyTests
{
    /// <summary>Each pass with what runs before it so that it has work (fusions leave initializers unused).</summary>
    public static TheoryData<string, string> PassesWithPrelude() => new()
    {
        { "eliminate-identity", string.Empty },
        { "dedupe-initializers", string.Empty },
        { "cse", string.Empty },
        { "fuse-conv-bn", string.Empty },
        { "fuse-conv-add", string.Empty },
        { "fuse-conv-mul", string.Empty },
        { "eliminate-dead-nodes", string.Empty },
        { "eliminate-unused-initializers", "fuse-conv-bn," },
    };

    [Property(MaxTest = 30, Arbitrary = [typeof(GraphArbitraries)])]
    public void Eliminate_identity_preserves_outputs(GraphSeed seed) => AssertPreserved(seed, "eliminate-identity");

    [Property(MaxTest = 30, Arbitrary = [typeof(GraphArbitraries)])]
    public void Dedupe_initializers_preserves_outputs(GraphSeed seed) => AssertPreserved(seed, "dedupe-initializers");

    [Property(MaxTest = 30, Arbitrary = [typeof(GraphArbitraries)])]
    public void Cse_preserves_outputs(GraphSeed seed) => AssertPreserved(seed, "cse");

    [Property(MaxTest = 30, Arbitrary = [typeof(GraphArbitraries)])]
    public void Fuse_conv_bn_preserves_outputs(GraphSeed seed) => AssertPreserved(seed, "fuse-conv-bn");

    [Property(MaxTest = 30, Arbitrary = [typeof(GraphArbitraries)])]
    public void Fuse_conv_add_preserves_outputs(GraphSeed seed) => AssertPreserved(seed, "fuse-conv-add");

    [Property(MaxTest = 30, Arbitrary = [typeof(GraphArbitraries)])]
    public void Fuse_conv_mul_preserves_outputs(GraphSeed seed) => AssertPreserved(seed, "fuse-conv-mul");

    [Property(MaxTest = 30, Arbitrary = [typeof(GraphArbitraries)])]
    public void Eliminate_dead_nodes_preserves_outputs(GraphSeed seed) => AssertPreserved(seed, "eliminate-dead-nodes");

    [Property(MaxTest = 30, Arbitrary = [typeof(GraphArbitraries)])]
    public void Eliminate_unused_initializers_preserves_outputs(GraphSeed seed) => AssertPreserved(seed, "fuse-conv-bn,eliminate-unused-initializers");

    [Property(MaxTest = 30, Arbitrary = [typeof(GraphArbitraries)])]
    public void Cleanup_preserves_outputs_and_names(GraphSeed seed)
    {
        var original = seed.Build();
        var cleaned = AssertPreserved(seed, "cleanup", original);
        Assert.Equal(original.Graph.Inputs.Select(v => v.Name), cleaned.Graph.Inputs.Select(v => v.Name));
        Assert.Equal(original.Graph.Outputs.Select(v => v.Name), cleaned.Graph.Outputs.Select(v => v.Name));
        Assert.True(cleaned.Graph.Nodes.Count <= original.Graph.Nodes.Count);
    }

    [Property(MaxTest = 30, Arbitrary = [typeof(GraphArbitraries)])]
    public void Cleanup_is_idempotent(GraphSeed seed)
    {
        var model = seed.Build();
        var first = PipelineRunner.Run(model, "cleanup");
        Assert.True(first.Converged);
        string once = GraphPrinter.Print(model);
        var second = PipelineRunner.Run(model, "cleanup");
        Assert.False(second.Changed, $"second run changed: {string.Join(", ", second.Runs.Where(r => r.Changed).Select(r => r.PassName))}");
        Assert.Equal(once, GraphPrinter.Print(model));
    }

    [Property(MaxTest = 20, Arbitrary = [typeof(GraphArbitraries)])]
    public void Topo_sort_restores_a_valid_order_from_a_shuffle(GraphSeed seed)
    {
        var original = seed.Build();
        var shuffled = Equivalence.Clone(original);
        var order = shuffled.Graph.Nodes.ToArray();
        new Random(seed.Value).Shuffle(order);
        shuffled.Graph.ReorderNodes(order);

        PipelineRunner.Run(shuffled, "topo-sort", verifyEach: false);

        Assert.DoesNotContain(GraphVerifier.Verify(shuffled), d => d.IsError);
        Assert.False(PipelineRunner.Run(shuffled, "topo-sort").Changed);
        Equivalence.AssertSameOutputs(original, shuffled);
    }

    /// <summary>Guards against vacuous properties: over a fixed set of seeds, every pass really rewrites something.</summary>
    [Theory]
    [MemberData(nameof(PassesWithPrelude))]
    public void Random_graphs_give_each_pass_work(string pass, string prelude)
    {
        int fired = Enumerable.Range(1, 40).Count(seed => PipelineRunner.Run(RandomGraphGenerator.Generate(seed), prelude + pass).Runs[^1].Changed);
        Assert.True(fired >= 3, $"{pass} changed only {fired} of 40 random graphs");
    }

    private static Model AssertPreserved(GraphSeed seed, string pipeline, Model? original = null)
    {
        original ??= seed.Build();
        Assert.DoesNotContain(GraphVerifier.Verify(original), d => d.IsError);
        var rewritten = Equivalence.Clone(original);
        PipelineRunner.Run(rewritten, pipeline);
        Assert.DoesNotContain(GraphVerifier.Verify(rewritten), d => d.IsError);
        Equivalence.AssertSameOutputs(original, rewritten);
        return rewritten;
    }
}
