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
        registry.Register(PassInfo.Of<NoOptions>("eliminate-identity", "Remove Identity, inference Dropout and provably no-op Cast/Reshape/Transpose/Expand/Pad/Slice/Concat/Split.", o => new EliminateIdentity(o)));
        registry.Register(PassInfo.Of<NoOptions>("dedupe-initializers", "Merge byte-identical initializers.", o => new DedupeInitializers(o)));
        registry.Register(PassInfo.Of<NoOptions>("cse", "Merge nodes computing the same op on the same inputs (common subexpression elimination).", o => new CommonSubexpressionElimination(o)));
        registry.Register(PassInfo.Of<NoOptions>("fuse-conv-bn", "Fold inference BatchNormalization into the preceding Conv's weight and bias.", o => new FuseConvBn(o)));
        registry.Register(PassInfo.Of<NoOptions>("fuse-conv-add", "Fold an Add of a per-channel constant into the preceding Conv's bias.", o => new FuseConvAdd(o)));
        registry.Register(PassInfo.Of<NoOptions>("fuse-conv-mul", "Fold a Mul by a per-channel constant into the preceding Conv's weight and bias.", o => new FuseConvMul(o)));

        // Pruning
        registry.Register(PassInfo.Of<PruneConvL1Options>("prune-conv-l1", "Zero the smallest-magnitude Conv weights (L1 pruning: per layer, global threshold, or 2:4).", o => new PruneConvL1(o)));

        // Presets
        registry.Register(new PresetInfo("cleanup", "Remove no-ops, duplicates and dead code and fold per-channel affine ops into Convs, until nothing changes.", "fixpoint{max-iterations=8}(eliminate-identity,dedupe-initializers,cse,fuse-conv-bn,fuse-conv-add,fuse-conv-mul,eliminate-dead-nodes,eliminate-unused-initializers)"));
    }
}
