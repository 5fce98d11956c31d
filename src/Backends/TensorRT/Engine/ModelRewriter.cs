using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Engine;

/// <summary>
/// Rewrites <paramref name="model"/> in place with pipeline text such as <see cref="Checking.FixPipelines.Fp16Conversion"/>.
/// The caller supplies the pass manager (the CLI passes <c>PipelineRunner.Run</c>), so this backend does not depend on
/// the pass library; a test checks that every pipeline the backend asks for parses against the pass registry.
/// </summary>
public delegate void ModelRewriter(Model model, string pipeline);
