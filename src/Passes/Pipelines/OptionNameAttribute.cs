namespace OnnxOpt.Passes.Pipelines;

/// <summary>Spells an enum option value in pipeline text when kebab case will not do (`2:4`).</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class OptionNameAttribute(string name) : System.Attribute
{
    public string Name { get; } = name;
}
