using System.Globalization;
using OnnxOpt.Backends.TensorRT.Targets;

namespace OnnxOpt.Backends.TensorRT.Engine;

/// <summary>
/// The build decided for one target: which precision flags exist and are passed, whether sparse kernels and a
/// DLA core are used, the workspace, the shapes, and notes on what the target does differently than asked.
/// </summary>
public sealed record EnginePlan(
    TargetProfile Target,
    Precision Precision,
    bool Fp16Flag,
    bool Int8Flag,
    bool Sparsity,
    int? DlaCore,
    int? WorkspaceMiB,
    ShapeProfile? Shapes,
    int? BuilderOptimizationLevel,
    IReadOnlyList<string> Notes)
{
    /// <summary>The resolved options in a fixed text form: part of the engine cache key.</summary>
    public string CanonicalOptions
    {
        get
        {
            var c = CultureInfo.InvariantCulture;
            string shapes = Shapes is null ? "static" : $"{Shapes.MinText}|{Shapes.OptText}|{Shapes.MaxText}";
            return string.Join(
                ";",
                $"precision={Precision.CliName()}",
                $"fp16={(Fp16Flag ? 1 : 0)}",
                $"int8={(Int8Flag ? 1 : 0)}",
                $"sparsity={(Sparsity ? 1 : 0)}",
                $"dla={DlaCore?.ToString(c) ?? "none"}",
                $"workspace={WorkspaceMiB?.ToString(c) ?? "default"}",
                $"opt-level={BuilderOptimizationLevel?.ToString(c) ?? "default"}",
                $"shapes={shapes}");
        }
    }
}
