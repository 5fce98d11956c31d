namespace OnnxOpt.Graph.IR;

/// <summary>One use of a value: input number <see cref="InputIndex"/> of <see cref="Node"/>.</summary>
public readonly record struct Use(Node Node, int InputIndex);
