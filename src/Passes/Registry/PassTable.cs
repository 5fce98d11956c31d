namespace OnnxOpt.Passes;

/// <summary>
/// The whole list of built-in passes and presets, one row each. Adding a pass means adding its row here
/// (see docs/ARCHITECTURE.md, "Adding a pass").
/// </summary>
internal static class PassTable
{
    public static void RegisterAll(PassRegistry registry)
    {
        // Cleanup
        registry.Register(PassInfo.Of<NoOptions>("eliminate-dead-nodes", "Remove nodes whose outputs reach no graph output.", o => new EliminateDeadNodes(o)));
        registry.Register(PassInfo.Of<NoOptions>("eliminate-unused-initializers", "Remove initializers nothing reads.", o => new EliminateUnusedInitializers(o)));
        registry.Register(PassInfo.Of<NoOptions>("topo-sort", "Order nodes topologically, keeping the existing order where valid.", o => new TopologicalSort(o)));

        // Pruning
        registry.Register(PassInfo.Of<PruneConvL1Options>("prune-conv-l1", "Zero the smallest-magnitude Conv weights (L1 pruning: per layer, global threshold, or 2:4).", o => new PruneConvL1(o)));

        // Presets
    }
}
