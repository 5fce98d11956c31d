using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Passes.Transforms.Cleanup;

/// <summary>
/// Whether a subgraph returns a value directly from an enclosing graph (an If branch whose output is an outer
/// value). The IR records such returns (<see cref="Value.ReturnedBy"/>) and refuses to remove their producers;
/// this reads that record for the cleanup patterns, which also keep such a value's name and node in place.
/// </summary>
internal sealed class SubgraphReturns
{
    private static readonly SubgraphReturns Instance = new();

    private SubgraphReturns()
    {
    }

    /// <summary>The reader for <paramref name="model"/>; it needs no analysis, the IR keeps the returns current.</summary>
    public static SubgraphReturns Of(Model model, PassContext context) => Instance;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "An instance reader kept so its callers need not change while they move to Value.IsReturnedBySubgraph.")]
    public bool Contains(Value value) => value.IsReturnedBySubgraph;
}
