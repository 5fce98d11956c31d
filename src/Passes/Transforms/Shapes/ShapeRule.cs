namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>Infers the types of a node's outputs (null entries, or a null list, where nothing is known).</summary>
public delegate IReadOnlyList<TensorType?>? ShapeRule(InferenceCall call);
