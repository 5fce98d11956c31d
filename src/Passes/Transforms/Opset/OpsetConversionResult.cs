namespace OnnxOpt.Passes.Transforms.Opset;

/// <summary>What a conversion did: the opsets, how many nodes were rewritten or replaced and how many were added.</summary>
public sealed record OpsetConversionResult(int Source, int Target, int NodesRewritten, int NodesAdded, int NodesReplaced, long IrVersion)
{
    public bool Changed => Source != Target || NodesRewritten + NodesAdded + NodesReplaced > 0;
}
