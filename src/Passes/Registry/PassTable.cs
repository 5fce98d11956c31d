using OnnxOpt.Passes.Opset;

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

        // Conversion
        registry.Register(PassInfo.Of<ConvertOpsetOptions>("convert-opset", "Rewrite the model to another default-domain opset (11 to 22), refusing nodes the target cannot express.", o => new ConvertOpset(o)));

        // Presets
    }
}
