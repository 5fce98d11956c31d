namespace OnnxOpt.Passes.Transforms.Opset.Rules;

/// <summary>The outcome of planning one rule for one node: nothing to do, a problem, or a rewrite to run later.</summary>
internal readonly record struct RulePlan(string? Problem, Action? Apply)
{
    public static RulePlan Nothing => default;

    public static RulePlan Refuse(string problem) => new(problem, null);

    public static RulePlan Do(Action apply) => new(null, apply);
}
