using OnnxOpt.Graph.Evaluation;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Shapes;

namespace OnnxOpt.Passes.Transforms.Folding;

using Graph = OnnxOpt.Graph.IR.OnnxGraph;

/// <summary>
/// The ONNX Runtime side of constant folding: cuts out every not-yet-evaluated node whose inputs are constant (or
/// come from such nodes), evaluates that subgraph in one session, and when the session fails splits it in halves and
/// keeps what succeeds, down to single nodes, which are then reported and left alone.
/// </summary>
internal sealed class EvaluatorFallback(Model model, IConstantEvaluator evaluator, FoldPolicy policy, ShapePropagator propagator)
{
    private readonly HashSet<Node> _failed = [];
    private readonly Dictionary<Node, string> _reasons = [];

    /// <summary>Nodes the evaluator could not evaluate either, with its message.</summary>
    public IReadOnlyDictionary<Node, string> Failures => _reasons;

    public int Sessions { get; private set; }

    /// <summary>Evaluates what it can; returns whether any value became known.</summary>
    public bool Run()
    {
        var batch = Eligible(model.Graph.Nodes, requireRoot: true);
        if (batch.Count == 0)
        {
            return false;
        }

        return Evaluate(batch);
    }

    private bool Evaluate(List<Node> batch)
    {
        if (TryRun(batch, out string? error))
        {
            return true;
        }

        if (batch.Count == 1)
        {
            _failed.Add(batch[0]);
            _reasons[batch[0]] = error ?? "evaluation failed";
            return false;
        }

        int half = batch.Count / 2;
        bool progress = Evaluate(batch[..half]);
        var rest = Eligible(batch[half..], requireRoot: false);
        return (rest.Count > 0 && Evaluate(rest)) | progress;
    }

    /// <summary>Nodes (in order) whose inputs are all known or produced by earlier eligible nodes; with <paramref name="requireRoot"/>, only closures that start at a node the built-in kernels failed on.</summary>
    private List<Node> Eligible(IEnumerable<Node> nodes, bool requireRoot)
    {
        var chosen = new List<Node>();
        var produced = new HashSet<Value>();
        foreach (var node in nodes)
        {
            if (_failed.Contains(node) || !policy.MayFold(node) || node.Outputs.All(o => propagator.ConstantOf(o) is not null))
            {
                continue;
            }

            bool fromBatch = false;
            bool ready = node.Inputs.All(v =>
            {
                if (v is null || propagator.ConstantOf(v) is not null)
                {
                    return true;
                }

                fromBatch |= produced.Contains(v);
                return produced.Contains(v);
            });
            if (!ready || (requireRoot && !fromBatch && !policy.Failures.ContainsKey(node)) || node.Inputs.Count == 0)
            {
                continue;
            }

            // ONNX Runtime would compute a result the size threshold then throws away, however large (a hostile
            // Range or Expand can ask for gigabytes): refuse what the shape rules predict too large.
            if (policy.TooLarge(node, node.Inputs.Select(v => v is null ? null : propagator.ConstantOf(v)).ToList()))
            {
                _failed.Add(node);
                continue;
            }

            chosen.Add(node);
            produced.UnionWith(node.Outputs);
        }

        return chosen;
    }

    private bool TryRun(List<Node> batch, out string? error)
    {
        error = null;
        var sub = Build(batch);
        IReadOnlyDictionary<string, Tensor> results;
        try
        {
            Sessions++;
            results = evaluator.Evaluate(sub);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = e.Message;
            return false;
        }

        foreach (var node in batch)
        {
            var outputs = node.Outputs.Where(o => o.Name.Length > 0).Select(o => results.GetValueOrDefault(o.Name)).ToList();
            if (outputs.Any(t => t is null) || !policy.FitsThreshold(outputs!))
            {
                continue;
            }

            foreach (var output in node.Outputs.Where(o => o.Name.Length > 0))
            {
                propagator.Seed(output, results[output.Name]);
            }

            policy.Forget(node);
        }

        return true;
    }

    private Model Build(List<Node> batch)
    {
        var graph = new OnnxGraph("constant_subgraph");
        var inBatch = batch.SelectMany(n => n.Outputs).ToHashSet();
        foreach (var input in batch.SelectMany(n => n.Inputs).OfType<Value>().Distinct())
        {
            if (!inBatch.Contains(input))
            {
                graph.AddInitializer(input.Name, propagator.ConstantOf(input)!);
            }
        }

        // Node names are not unique in every model, and ONNX Runtime insists they are: number them.
        for (int i = 0; i < batch.Count; i++)
        {
            var node = batch[i];
            var inputs = node.Inputs.Select(v => v is null ? null : graph.FindValue(v.Name)).ToList();
            graph.AddNode(node.OpType, inputs, name: $"n{i}", attributes: node.Attributes, domain: node.Domain, outputNames: node.Outputs.Select(o => o.Name).ToList());
        }

        foreach (var output in batch.SelectMany(n => n.Outputs).Where(o => o.Name.Length > 0))
        {
            graph.AddOutput(graph.FindValue(output.Name)!);
        }

        var sub = new Model(graph) { IrVersion = model.IrVersion };
        sub.OpsetImports.AddRange(model.OpsetImports);
        return sub;
    }
}
