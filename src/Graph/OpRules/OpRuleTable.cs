using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.OpRules;

/// <summary>
/// The one table of op knowledge: every consumer that needs to know what type an op produces, which inputs must
/// agree, or whether an op is deterministic asks here (the verifier, shape and type inference, the precision and
/// opset passes, CSE, constant folding, the TensorRT pre-flight). Rows are default-domain ops
/// (<see cref="OpRuleRows"/>); an op without a row is unknown and each question says what it assumes then.
/// </summary>
public static class OpRuleTable
{
    private static readonly Dictionary<string, OpRule> Rows = OpRuleRows.Build();

    /// <summary>Every op with a row.</summary>
    public static IReadOnlyCollection<OpRule> All => Rows.Values;

    /// <summary>The row of a default-domain op, or null (other domains, unknown ops).</summary>
    public static OpRule? Find(Node node) => node.IsDefaultDomain ? Find(node.OpType) : null;

    /// <summary>The row of a default-domain op type, or null.</summary>
    public static OpRule? Find(string opType) => Rows.GetValueOrDefault(opType);

    /// <summary>
    /// The element type of output <paramref name="index"/> of <paramref name="node"/> from its inputs' types. Ops without
    /// a row (contrib kernels, newer ops) are assumed to compute in the type of their first input, which holds for
    /// nearly all of them; Undefined where even that cannot be told.
    /// </summary>
    public static DataType ElementTypeOf(Node node, int index, Func<Value?, DataType> typeOf, Func<string, int, DataType>? subgraphOutputType = null)
    {
        var rule = Find(node)?.Output(index) ?? OutputType.FirstInput;
        return rule.Resolve(node, index, typeOf, subgraphOutputType ?? NoSubgraphs);
    }

    /// <summary>Like <see cref="ElementTypeOf"/>, but Undefined for ops without a row (for analyses that must not guess).</summary>
    public static DataType KnownElementTypeOf(Node node, int index, Func<Value?, DataType> typeOf, Func<string, int, DataType>? subgraphOutputType = null) =>
        Find(node)?.Output(index).Resolve(node, index, typeOf, subgraphOutputType ?? NoSubgraphs) ?? DataType.Undefined;

    /// <summary>
    /// Whether two runs on equal inputs give equal outputs. False for random ops and Dropout; ops of other domains
    /// are assumed deterministic, as ONNX Runtime's contrib kernels are.
    /// </summary>
    public static bool IsDeterministic(Node node) => Find(node)?.Deterministic ?? true;

    /// <summary>Whether output 0 of <paramref name="opType"/> (default domain) is always BOOL.</summary>
    public static bool ProducesBool(string opType) => Find(opType)?.ProducesBool ?? false;

    /// <summary>Ops that take or make sequences or optionals, whose element types this IR does not track.</summary>
    public static bool IsSequenceOrOptional(string opType) =>
        opType.StartsWith("Sequence", StringComparison.Ordinal) || opType.StartsWith("Optional", StringComparison.Ordinal)
        || opType is "SplitToSequence" or "ConcatFromSequence";

    private static DataType NoSubgraphs(string attribute, int index) => DataType.Undefined;
}
