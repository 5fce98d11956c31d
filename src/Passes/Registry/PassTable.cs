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

        // Shapes and constant folding
        registry.Register(PassInfo.Of<NoOptions>("infer-shapes", "Infer element types and shapes of node outputs (never contradicting declared ones).", o => new InferShapes(o)));
        registry.Register(PassInfo.Of<FixInputShapeOptions>("fix-input-shape", "Give graph inputs fixed dims (images=1x3x640x640), bind their symbols and propagate shapes.", o => new FixInputShape(o)));
        registry.Register(PassInfo.Of<FoldConstantsOptions>("fold-constants", "Evaluate nodes with constant inputs (and Shape/Size of static shapes) into initializers.", o => new FoldConstants(o)));

        // Presets
        registry.Register(new PresetInfo("tensorrt-prepare", "Fold shape arithmetic and constants for TensorRT, to a fixed point; prepend fix-input-shape{images=1x3x640x640} to fix dynamic inputs first.", "fixpoint{max-iterations=8}(fold-constants,eliminate-dead-nodes,eliminate-unused-initializers)"));
    }
}
