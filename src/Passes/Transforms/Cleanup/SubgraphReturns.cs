
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Cleanup;

/// <summary>
/// Values that a subgraph returns directly from an enclosing graph (an If branch whose output is an outer value).
/// Such a return is not a use and not an output of the value's own graph, so passes that remove or rename values
/// must look it up here. Rewrites of the cleanup passes never add to the set, so it stays valid while a pass runs.
/// </summary>
internal sealed class SubgraphReturns
{
    private readonly HashSet<Value> _values;

    private SubgraphReturns(HashSet<Value> values) => _values = values;

    public static SubgraphReturns Of(Model model, PassContext context) => context.Analyses.Get(model, Compute);

    public bool Contains(Value value) => _values.Contains(value);

    private static SubgraphReturns Compute(Model model)
    {
        var values = new HashSet<Value>();
        foreach (var graph in model.Graph.AllGraphs())
        {
            if (graph.ParentNode is null)
            {
                continue;
            }

            foreach (var output in graph.Outputs)
            {
                if (output.Graph != graph)
                {
                    values.Add(output);
                }
            }
        }

        return new SubgraphReturns(values);
    }
}
