using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Parser;

/// <summary>
/// An attribute whose value the parser restricts: the value (or <see cref="Default"/> when the node does
/// not set it) must be one of <see cref="Allowed"/>. Strings and integers are compared by their text.
/// </summary>
public sealed record AttributeRequirement(string Op, string Attribute, string Default, IReadOnlyList<string> Allowed);
