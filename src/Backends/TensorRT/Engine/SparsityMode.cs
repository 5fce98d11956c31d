namespace OnnxOpt.Backends.TensorRT.Engine;

/// <summary>Whether to ask TensorRT for sparse kernels: only when the weights are 2:4-pruned (Auto), always, or never.</summary>
public enum SparsityMode
{
    Auto,
    Enable,
    Disable,
}
