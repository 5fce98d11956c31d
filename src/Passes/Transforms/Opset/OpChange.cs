using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset;

/// <summary>One version of an operator (its "since version") and the rules for crossing it.</summary>
internal sealed record OpChange(int Since, IReadOnlyList<IVersionRule> Rules);
