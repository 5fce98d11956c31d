using FsCheck.Xunit;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Verification;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests;

/// <summary>
/// `eliminate-neutral-arith` on random conv nets with neutral (and near-neutral or shape-expanding) Add/Sub/Mul/
/// Div/Pow spliced in after random nodes: the verifier accepts the result, every neutral op goes, and ONNX Runtime
/// computes the same outputs (atol 1e-5, rtol 1e-4; the rewrite is exact apart from the sign of zero).
/// </summary>
public sealed class EliminateNeutralArithProperties
{
    [Property(MaxTest = 30, Arbitrary = [typeof(GraphArbitraries)])]
    public void Preserves_outputs_and_removes_every_neutral_op(GraphSeed seed)
    {
        var (original, neutral) = WithNeutralOps(seed);
        var rewritten = Equivalence.Clone(original);

        PipelineRunner.Run(rewritten, "eliminate-neutral-arith");

        Assert.DoesNotContain(GraphVerifier.Verify(rewritten), d => d.IsError);
        Assert.DoesNotContain(rewritten.Graph.Nodes, n => neutral.Contains(n.Name));
        Assert.Equal(original.Graph.Outputs.Select(v => v.Name), rewritten.Graph.Outputs.Select(v => v.Name));
        Equivalence.AssertSameOutputs(original, rewritten);
    }

    [Fact]
    public void Random_graphs_get_neutral_ops()
    {
        Assert.True(Enumerable.Range(1, 20).Count(s => WithNeutralOps(new GraphSeed(s)).Neutral.Count > 0) >= 15);
    }

    /// <summary>The random model with ops spliced after node outputs, and the names of the spliced neutral ones.</summary>
    private static (Model Model, HashSet<string> Neutral) WithNeutralOps(GraphSeed seed)
    {
        var model = seed.Build();
        var graph = model.Graph;
        var random = new Random(seed.Value);
        var neutral = new HashSet<string>(StringComparer.Ordinal);
        var targets = graph.Nodes.SelectMany(n => n.Outputs)
            .Where(v => v.HasUses && !v.IsGraphOutput && v.ElementType == DataType.Float && v.Shape is { Rank: 4, IsStatic: true })
            .ToList();
        int index = 0;
        foreach (var value in targets.Where(_ => random.Next(2) == 0))
        {
            var uses = value.Uses.ToList();
            long channels = value.Shape![1].Value!.Value;
            int kind = random.Next(8);
            string op = kind switch { 0 or 5 => "Add", 1 => "Sub", 2 or 6 => "Mul", 3 => "Div", 4 => "Pow", _ => "Mul" };
            float fill = kind switch { 0 or 1 or 5 => kind == 5 ? -0f : 0f, 7 => 1.0000001f, _ => 1f };
            long[] dims = random.Next(2) == 0 ? [] : [1, channels, 1, 1];
            var constant = graph.AddInitializer(graph.UniqueName($"neutral_const_{index}"), Tensor.Create(Enumerable.Repeat(fill, (int)Tensor.CountElements(dims)).ToArray(), dims));
            bool constantFirst = op is "Add" or "Mul" && random.Next(2) == 0;
            string name = $"neutral_{op}_{index++}";
            var node = graph.AddNode(op, constantFirst ? [constant, value] : [value, constant], 1, name);
            node.Output(0).ElementType = DataType.Float;
            node.Output(0).Shape = value.Shape;
            foreach (var use in uses)
            {
                use.Node.SetInput(use.InputIndex, node.Output(0));
            }

            if (kind != 7)
            {
                neutral.Add(name);
            }
        }

        PipelineRunner.Run(model, "topo-sort", verifyEach: false);
        return (model, neutral);
    }
}
