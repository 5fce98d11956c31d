namespace OnnxOpt.Passes.Infrastructure;

/// <summary>A pass with an options record of type <typeparamref name="TOptions"/>.</summary>
public abstract class Pass<TOptions> : Pass
    where TOptions : PassOptions, new()
{
    protected Pass(TOptions? options = null) => TypedOptions = options ?? new TOptions();

    public TOptions TypedOptions { get; }

    public override PassOptions Options => TypedOptions;
}
