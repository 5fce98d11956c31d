namespace OnnxOpt.Passes.Pipelines;

/// <summary>The parsed form of pipeline text: elements separated by commas.</summary>
public sealed record PipelineSyntax(IReadOnlyList<ElementSyntax> Elements);

/// <summary>`name{key=value ...}(nested,pipeline)`; <see cref="Body"/> is null when there are no parentheses.</summary>
public sealed record ElementSyntax(string Name, IReadOnlyList<OptionSyntax> Options, PipelineSyntax? Body, int Position);

/// <summary>One `key=value` inside braces.</summary>
public sealed record OptionSyntax(string Key, string Value, int Position);
