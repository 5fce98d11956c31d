namespace OnnxOpt.Passes.Infrastructure;

/// <summary>What a pass reports: whether it changed the model.</summary>
public sealed record PassResult(bool Changed)
{
    public static PassResult Unchanged { get; } = new(false);

    public static PassResult Modified { get; } = new(true);

    public static PassResult From(bool changed) => changed ? Modified : Unchanged;
}
