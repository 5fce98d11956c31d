using OnnxOpt.Backends.OnnxRuntime.Safety;
using OnnxOpt.Graph.Evaluation;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.OnnxRuntime;

/// <summary>
/// Constant folding's fallback evaluator: runs a constant subgraph (a model without inputs) in one ONNX Runtime CPU
/// session with graph optimizations off, so what comes back is what the ops compute, not what ORT rewrote them into.
/// Subgraphs that could crash ONNX Runtime natively (<see cref="NativeHazards"/>) are refused with an exception, so
/// folding leaves those nodes unfolded instead of the process dying.
/// </summary>
public sealed class OrtConstantEvaluator : IConstantEvaluator
{
    public IReadOnlyDictionary<string, Tensor> Evaluate(Model model)
    {
        if (NativeHazards.Find(model) is [var hazard, ..])
        {
            throw new InvalidOperationException($"not handed to ONNX Runtime: {hazard}");
        }

        using var runner = new OrtRunner(model, OrtRunOptions.Default with { OptimizationLevel = 0 });
        return runner.Run(new Dictionary<string, Tensor>());
    }
}
