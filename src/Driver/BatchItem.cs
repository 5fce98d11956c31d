namespace OnnxOpt.Driver;

/// <summary>One model of a batch: where it comes from and goes, and how it ended (Result or Error is set).</summary>
public sealed record BatchItem(string Input, string Output, OptimizeResult? Result, string? Error)
{
    public bool Succeeded => Error is null;
}
