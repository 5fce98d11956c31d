namespace OnnxOpt.Passes.Infrastructure;

/// <summary>Marks an options-record property as a pipeline option `name=value`, with help text for `onnxopt passes`.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PassOptionAttribute(string name, string help) : System.Attribute
{
    public string Name { get; } = name;

    public string Help { get; } = help;
}
