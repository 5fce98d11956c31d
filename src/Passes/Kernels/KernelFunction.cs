using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Kernels;

/// <summary>Evaluates one node on constant inputs and returns its outputs in order; throws <see cref="KernelException"/> when it cannot.</summary>
public delegate IReadOnlyList<Tensor> KernelFunction(KernelCall call);
