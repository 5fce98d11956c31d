namespace OnnxOpt.Passes.Transforms.Quantization;

/// <summary>The real-valued range [Min, Max] an activation is quantized over.</summary>
public readonly record struct ActivationRange(float Min, float Max)
{
    public float AbsMax => Math.Max(Math.Abs(Min), Math.Abs(Max));

    public ActivationRange Union(ActivationRange other) => new(Math.Min(Min, other.Min), Math.Max(Max, other.Max));
}
