using OnnxOpt.Backends.TensorRT.Checking.Rules;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>
/// The pre-flight check behind `onnxopt check MODEL --target T`: runs every rule over the model and returns a
/// verdict per node with the findings and suggested fixes. It reads the model only.
/// </summary>
public static class CompatibilityChecker
{
    public static IReadOnlyList<ICheckRule> Rules { get; } =
    [
        new OpsetRule(),
        new OperatorRule(),
        new ConstantInputRule(),
        new AttributeRule(),
        new SpatialRankRule(),
        new OutputRule(),
        new QuantizationRule(),
        new Int64RangeRule(),
        new DataTypeRule(),
        new ShapeOpRule(),
        new DynamicShapeRule(),
        new PrecisionRule(),
    ];

    public static CheckReport Check(Model model, TargetProfile target, CheckOptions? options = null)
    {
        var context = new CheckContext(model, target, options ?? CheckOptions.Default);
        foreach (var rule in Rules)
        {
            rule.Check(context);
        }

        return context.ToReport();
    }
}
