using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Opset;

/// <summary>
/// Rewrites a model's default-domain nodes from the opset it imports to another one between
/// <see cref="MinTarget"/> and <see cref="MaxTarget"/>, and stamps the model with the new opset. Every operator has a
/// version history (<see cref="Versions"/>); for each version a conversion crosses, the node is rewritten to the
/// signature on the other side (attributes that became inputs and back, Softmax's axis semantics, Resize and Pad
/// attributes, operators introduced or removed in between), or the conversion is refused with the node and the reason.
/// Nothing is changed when any node cannot be converted. Non-default domains, model-local functions and their
/// opset imports are left as they are.
/// </summary>
public static class OpsetConversion
{
    public const int MinTarget = 11;

    public const int MaxTarget = 22;

    /// <summary>The oldest opset a model may import to be converted (older operator versions are not tabled).</summary>
    public const int MinSource = 7;

    /// <summary>The reasons the model cannot be converted to <paramref name="version"/>; empty when it can.</summary>
    public static IReadOnlyList<string> CanConvert(Model model, int version) => ConversionPlan.Create(model, version).Problems;

    /// <summary>Converts the model in place; throws <see cref="OpsetConversionException"/> (changing nothing) when it cannot.</summary>
    public static OpsetConversionResult Convert(Model model, int version) => ConversionPlan.Create(model, version).Apply();

    /// <summary>The operators with a known version history.</summary>
    public static IReadOnlyList<string> KnownOperators => OpVersionTable.All.Select(h => h.Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The opsets from <see cref="MinSource"/> on at which <paramref name="opType"/>'s signature changed, starting with the
    /// opset it appeared in; empty for unknown operators.
    /// </summary>
    public static IReadOnlyList<int> Versions(string opType) =>
        OpVersionTable.Find(opType) is { } history ? [history.Introduced, .. history.Changes.Select(c => c.Since).Where(v => v > history.Introduced)] : [];
}
