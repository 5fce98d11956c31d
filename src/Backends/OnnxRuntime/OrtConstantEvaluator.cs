using OnnxOpt.Graph.Evaluation;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.OnnxRuntime;

/// <summary>
/// Constant folding's fallback evaluator: runs a constant subgraph (a model without inputs) in one ONNX Runtime CPU
/// session with graph optimizations off, so what comes back is what the ops compute, not what ORT rewrote them into.
/// </summary>
public sealed class OrtConstantEvaluator : IConstantEvaluator
{
    public IReadOnlyDictionary<string, Tensor> Evaluate(Model model)
    {
        using var runner = new OrtRunner(model, OrtRunOptions.Default with { OptimizationLevel = 0 });
        return runner.Run(new Dictionary<string, Tensor>());
    }
}
