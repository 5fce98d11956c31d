using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.Evaluation;

/// <summary>
/// Evaluates a model that has no graph inputs (a constant subgraph cut out of a larger model, its constant inputs as
/// initializers) and returns every graph output by name. Constant folding uses it for ops the built-in kernels do
/// not cover. Implementations live in backends (ONNX Runtime); the interface sits in the Graph layer so that the
/// pass infrastructure and the backends depend on it, not on the folding pass.
/// Throws any exception when the model cannot be evaluated; folding then splits the subgraph and retries.
/// </summary>
public interface IConstantEvaluator
{
    IReadOnlyDictionary<string, Tensor> Evaluate(Model model);
}
