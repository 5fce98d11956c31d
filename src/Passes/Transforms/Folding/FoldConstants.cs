using OnnxOpt.Graph.Evaluation;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Transforms.Shapes;

namespace OnnxOpt.Passes.Transforms.Folding;

using Graph = OnnxOpt.Graph.IR.OnnxGraph;

/// <summary>
/// `fold-constants`: evaluates every node whose inputs are all constant (initializers, Constant nodes, or values whose
/// shape is statically known when the op only reads the shape: Shape, Size) and replaces its outputs with
/// initializers of the same names, so downstream uses and graph outputs stay as they are. Constant nodes become
/// initializers; folded nodes and the initializers only they read are removed, leaving no dead nodes behind.
/// Evaluation uses the built-in kernels (<see cref="Kernels.BuiltinKernels"/>) and, for other ops, the context's
/// <see cref="IConstantEvaluator"/> (ONNX Runtime) when set. Skipped on purpose: non-deterministic ops (Random*,
/// Bernoulli, Multinomial, Dropout), QuantizeLinear/DequantizeLinear unless `fold-quantization`, nodes with subgraphs,
/// other domains, and results larger than `size-threshold`. A node that cannot be evaluated is left alone with a warning.
/// Safe: a folded value is exactly what the node computes at run time (to float rounding for transcendental ops).
/// </summary>
public sealed class FoldConstants(FoldConstantsOptions? options = null) : Pass<FoldConstantsOptions>(options)
{
    public override string Name => "fold-constants";

    public override IReadOnlyList<StatisticInfo> DeclaredStatistics { get; } =
    [
        StatisticInfo.Count("values-folded", "node outputs evaluated into initializers"),
        StatisticInfo.Count("constants-converted", "Constant nodes turned into initializers"),
        StatisticInfo.Count("nodes-removed", "nodes removed after folding"),
        StatisticInfo.Count("initializers-removed", "initializers left unused by folding, removed"),
        StatisticInfo.Count("skipped-over-threshold", "nodes not folded because the result would exceed the size limit"),
        StatisticInfo.Count("evaluator-sessions", "ONNX Runtime sessions opened for nodes without a built-in kernel"),
    ];

    public override PassResult Run(Model model, PassContext context)
    {
        long opset = model.GetOpset() ?? 1;
        var policy = new FoldPolicy(opset, TypedOptions);
        var propagator = new ShapePropagator(opset, policy.Evaluate);
        propagator.Run(model.Graph);
        var fallbackFailures = new Dictionary<Node, string>();
        if (TypedOptions.UseEvaluator && context.ConstantEvaluator is { } evaluator && policy.Failures.Count > 0)
        {
            var fallback = new EvaluatorFallback(model, evaluator, policy, propagator);
            for (int round = 0; round < 4 && fallback.Run(); round++)
            {
                propagator.Run(model.Graph);
            }

            context.Statistics.Add("evaluator-sessions", fallback.Sessions);
            foreach (var (node, reason) in fallback.Failures)
            {
                fallbackFailures[node] = reason;
            }
        }

        foreach (var (node, reason) in policy.Failures)
        {
            string also = fallbackFailures.TryGetValue(node, out var more) ? $"; ONNX Runtime: {more}" : string.Empty;
            context.Warn($"not folded: {reason}{also}", node.Name);
        }

        if (policy.SkippedForSize > 0)
        {
            context.Statistics.Add("skipped-over-threshold", policy.SkippedForSize);
        }

        return PassResult.From(Replace(model.Graph, propagator, context));
    }

    /// <summary>Turns every fully known node into initializers, then removes the folded nodes and the initializers only they read.</summary>
    private static bool Replace(OnnxGraph graph, ShapePropagator propagator, PassContext context)
    {
        var folded = new List<Node>();
        foreach (var node in graph.Nodes)
        {
            var outputs = node.Outputs.Where(o => o.Name.Length > 0).ToList();
            if (outputs.Count == 0 || outputs.Any(o => propagator.ConstantOf(o) is null) || node.Subgraphs().Any())
            {
                continue;
            }

            if (!context.TryRewrite($"fold {node}"))
            {
                break;
            }

            folded.Add(node);
        }

        if (folded.Count == 0)
        {
            return false;
        }

        var doomed = folded.ToHashSet();
        var renames = new List<(Value Initializer, string Name)>();
        foreach (var node in folded)
        {
            foreach (var output in node.Outputs.Where(o => o.Name.Length > 0))
            {
                // Folded nodes hold no subgraphs, so every graph returning the output is outside the folded set.
                bool usedOutside = output.ReturnedBy.Count > 0 || output.Uses.Any(u => graph.OutermostNodeOf(u.Node) is not { } owner || !doomed.Contains(owner));
                if (!usedOutside)
                {
                    continue;
                }

                var initializer = graph.AddInitializer(graph.UniqueName(output.Name + "_folded"), propagator.ConstantOf(output)!);
                foreach (var use in output.Uses.ToList())
                {
                    if (graph.OutermostNodeOf(use.Node) is not { } owner || !doomed.Contains(owner))
                    {
                        use.Node.SetInput(use.InputIndex, initializer);
                    }
                }

                foreach (var returning in output.ReturnedBy.Distinct().ToList())
                {
                    for (int i = 0; i < returning.Outputs.Count; i++)
                    {
                        if (ReferenceEquals(returning.Outputs[i], output))
                        {
                            returning.SetOutput(i, initializer);
                        }
                    }
                }

                renames.Add((initializer, output.Name));
                context.Statistics.Add(node.Is("Constant") ? "constants-converted" : "values-folded");
            }
        }

        var read = folded.SelectMany(n => n.Inputs).OfType<Value>().Where(v => v.IsInitializer).Distinct().ToList();
        var feeders = folded.SelectMany(n => n.Inputs).Select(v => v?.Producer).OfType<Node>().Where(p => !doomed.Contains(p)).ToList();
        graph.RemoveNodes(folded);
        context.Statistics.Add("nodes-removed", folded.Count);
        read.AddRange(RemoveOrphans(graph, feeders, context));
        foreach (var (initializer, name) in renames)
        {
            initializer.Name = name;
        }

        foreach (var initializer in read.Distinct())
        {
            if (!initializer.IsUsedOrReturned && !initializer.IsGraphInput && initializer.Graph == graph)
            {
                graph.RemoveInitializer(initializer);
                context.Statistics.Add("initializers-removed");
            }
        }

        return true;
    }

    /// <summary>
    /// Removes nodes that fed only folded nodes (a Shape whose known dims were folded away, leaving it unread), and
    /// the nodes that in turn fed only them. Returns the initializers they read, for the unused-initializer sweep.
    /// </summary>
    private static List<Value> RemoveOrphans(OnnxGraph graph, List<Node> candidates, PassContext context)
    {
        var read = new List<Value>();
        var work = new Stack<Node>(candidates);
        while (work.TryPop(out var node))
        {
            if (node.Graph != graph || node.Outputs.Any(o => o.IsUsedOrReturned) || !context.TryRewrite($"remove orphaned {node}"))
            {
                continue;
            }

            var inputs = node.Inputs.OfType<Value>().ToList();
            graph.RemoveNode(node);
            context.Statistics.Add("nodes-removed");
            read.AddRange(inputs.Where(v => v.IsInitializer));
            foreach (var producer in inputs.Select(v => v.Producer).OfType<Node>())
            {
                work.Push(producer);
            }
        }

        return read;
    }
}
