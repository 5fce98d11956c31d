namespace OnnxOpt.Backends.TensorRT.Checking;

/// <summary>
/// Whether <c>fold-constants</c> can turn a value into an initializer: now, only once the model's dynamic input
/// shapes are fixed (the value depends on a Shape of a tensor whose dims are symbolic), or never (it depends on
/// the input data, or on an op folding leaves alone). Ordered so that the maximum over inputs is the node's reach.
/// </summary>
public enum FoldReach
{
    Now,
    WithFixedShapes,
    Never,
}
