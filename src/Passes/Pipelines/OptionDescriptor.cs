using System.Reflection;

namespace OnnxOpt.Passes.Pipelines;

/// <summary>One option of a pass: its pipeline name, help, type and default, for binding and for `onnxopt passes`.</summary>
public sealed record OptionDescriptor(string Name, string Help, string TypeName, string DefaultText, PropertyInfo Property);
