using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.OpRules;

/// <summary>
/// What the project knows about one default-domain op: the element type of each output, which inputs must share
/// one element type with each other and with the outputs that follow them, and whether it computes the same
/// result every time it runs. One row of <see cref="OpRuleTable"/>.
/// </summary>
public sealed record OpRule(string OpType)
{
    /// <summary>The element type of each output; outputs past the end follow the last entry (Split, LayerNormalization).</summary>
    public IReadOnlyList<OutputType> Outputs { get; init; } = [OutputType.FirstInput];

    /// <summary>Inputs (by index) that must share one element type; empty when the op constrains none.</summary>
    public IReadOnlyList<int> SameTypeInputs { get; init; } = [];

    /// <summary>Whether every input must share one element type (Add, Concat, Sum): overrides <see cref="SameTypeInputs"/>.</summary>
    public bool AllInputsSameType { get; init; }

    /// <summary>False for ops that draw random numbers (or may, like Dropout in training mode): never merged, never folded.</summary>
    public bool Deterministic { get; init; } = true;

    /// <summary>The rule for output <paramref name="index"/>.</summary>
    public OutputType Output(int index) => Outputs[Math.Min(index, Outputs.Count - 1)];

    /// <summary>Whether output 0 is always BOOL (comparisons, logic, IsNaN).</summary>
    public bool ProducesBool => Outputs[0] is OutputType.Fixed { Type: DataType.Bool };

    /// <summary>Whether input <paramref name="index"/> is in the op's same-type group.</summary>
    public bool IsSameTypeInput(int index) => AllInputsSameType || SameTypeInputs.Contains(index);
}
