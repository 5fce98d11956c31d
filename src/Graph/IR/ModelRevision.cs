namespace OnnxOpt.Graph.IR;

/// <summary>
/// A cheap stamp of a model's state: the main graph (by identity), its <see cref="OnnxGraph.Revision"/> and a hash
/// of the model-level fields the verifier reads (IR version, opset imports), which are plain properties and lists
/// outside the graph's edit counter. Every edit of a graph, a subgraph, a node, a value or an attribute goes through
/// the IR and increases the revision, so two equal stamps mean no edit happened in between; taking one costs
/// O(opset imports), unlike the O(model) <see cref="Verification.StructuralFingerprint"/>. Edits that cancel out
/// still count as edits.
/// </summary>
public readonly record struct ModelRevision(OnnxGraph Graph, long Revision, long HeaderHash)
{
    public static ModelRevision Of(Model model)
    {
        var hash = new HashCode();
        hash.Add(model.IrVersion);
        foreach (var import in model.OpsetImports)
        {
            hash.Add(import.Domain, StringComparer.Ordinal);
            hash.Add(import.Version);
        }

        return new ModelRevision(model.Graph, model.Graph.Revision, hash.ToHashCode() ^ ((long)model.OpsetImports.Count << 32));
    }
}
