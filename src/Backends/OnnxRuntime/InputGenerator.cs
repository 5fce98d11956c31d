using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.OnnxRuntime;

/// <summary>
/// Makes seeded random inputs for a model's graph inputs: floats uniform in [Min, Max] ([0,1] by default,
/// the range of normalised images), integers in a small range, booleans at random. Symbolic dims must be
/// given in <see cref="Dims"/>; a dim nobody named is an error rather than a silent guess.
/// </summary>
public sealed record InputGenerator
{
    public int Seed { get; init; } = 1;

    public double Min { get; init; }

    public double Max { get; init; } = 1;

    /// <summary>Sizes for symbolic dims, by dim name ("batch", "height") or by "input:axis".</summary>
    public IReadOnlyDictionary<string, long> Dims { get; init; } = new Dictionary<string, long>();

    public Dictionary<string, Tensor> Generate(Model model, int sample = 0)
    {
        // HashCode.Combine is randomised per process; inputs must be the same in every run for a given seed.
        var random = new Random(unchecked((Seed * 100_003) + sample));
        var inputs = new Dictionary<string, Tensor>();
        foreach (var input in model.Graph.Inputs.Where(v => !v.IsInitializer))
        {
            inputs[input.Name] = Generate(input, random);
        }

        return inputs;
    }

    private Tensor Generate(Value input, Random random)
    {
        if (input.Shape is null)
        {
            throw new ArgumentException($"input '{input.Name}' has no declared shape; cannot make data for it");
        }

        var dims = new long[input.Shape.Rank];
        for (int axis = 0; axis < dims.Length; axis++)
        {
            var dim = input.Shape[axis];
            dims[axis] = dim.Value
                ?? (dim.Param is not null && Dims.TryGetValue(dim.Param, out long byName) ? byName
                : Dims.TryGetValue($"{input.Name}:{axis}", out long byAxis) ? byAxis
                : throw new ArgumentException($"input '{input.Name}' axis {axis} is symbolic ('{dim}'); give its size (e.g. --dim {dim.Param ?? input.Name + ":" + axis}=640)"));
        }

        long count = dims.Aggregate(1L, (a, d) => a * d);
        switch (input.ElementType)
        {
            case DataType.Float:
                return Tensor.Create(Floats(random, count), dims);
            case DataType.Double:
                return Tensor.Create(Floats(random, count).Select(f => (double)f).ToArray(), dims);
            case DataType.Float16:
                return Tensor.Create(Floats(random, count).Select(f => (Half)f).ToArray(), dims);
            case DataType.Int64:
                return Tensor.Create(Ints(random, count).Select(i => (long)i).ToArray(), dims);
            case DataType.Int32:
                return Tensor.Create(Ints(random, count), dims);
            case DataType.UInt8:
                return Tensor.Create(Ints(random, count).Select(i => (byte)i).ToArray(), dims);
            case DataType.Int8:
                return Tensor.Create(Ints(random, count).Select(i => (sbyte)i).ToArray(), dims);
            case DataType.Bool:
                return Tensor.Create(Ints(random, count).Select(i => i % 2 == 0).ToArray(), dims);
            default:
                throw new ArgumentException($"input '{input.Name}' has type {input.ElementType.OnnxName()}, for which no random data is made");
        }
    }

    private float[] Floats(Random random, long count)
    {
        var values = new float[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = (float)(Min + (random.NextDouble() * (Max - Min)));
        }

        return values;
    }

    private int[] Ints(Random random, long count)
    {
        int low = (int)Math.Floor(Min), high = Math.Max(low + 1, (int)Math.Ceiling(Max));
        var values = new int[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = random.Next(low, high + 1);
        }

        return values;
    }
}
