namespace OnnxOpt.Passes;

/// <summary>A Conv that passed the name filters but whose weight is left alone, and why.</summary>
public sealed record SkippedConv(string Node, string Weight, string Reason);
