namespace OnnxOpt.Passes.Opset;

/// <summary>One version of an operator (its "since version") and the rules for crossing it.</summary>
internal sealed record OpChange(int Since, IReadOnlyList<IVersionRule> Rules);
