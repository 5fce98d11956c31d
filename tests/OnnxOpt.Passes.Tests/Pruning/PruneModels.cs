using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Passes.Tests.Pruning;

/// <summary>Small Conv models for the pruning tests: hand-written weights or seeded random chains.</summary>
internal static class PruneModels
{
    /// <summary>One Conv layer of a chain: output channels, square kernel size, groups.</summary>
    public sealed record ConvSpec(long OutChannels, long Kernel = 1, long Group = 1);

    /// <summary>How random weights are drawn: plain normals, a few levels (ties, zeros), or normals with some ±0.</summary>
    public enum Values
    {
        Normal,
        Levels,
        SignedZeros,
    }

    public const int Spatial = 5;

    public static string ConvName(int index) => $"/model.{index}/conv/Conv";

    /// <summary>
    /// x[1,C,5,5] -> Conv -> Relu -> Conv -> ... -> Add(offset) -> y, Convs named like Ultralytics' (`/model.i/conv/Conv`),
    /// each with a bias; `weights(i, count)` gives layer i's weights.
    /// </summary>
    public static Model Chain(long inChannels, IReadOnlyList<ConvSpec> convs, Func<int, int, float[]> weights, DataType type = DataType.Float)
    {
        var b = new ModelBuilder();
        var x = b.Input("x", type, 1, inChannels, Spatial, Spatial);
        long channels = inChannels;
        for (int i = 0; i < convs.Count; i++)
        {
            var spec = convs[i];
            long perGroup = channels / spec.Group;
            var w = b.Constant($"model.{i}.conv.weight", Make(weights(i, (int)(spec.OutChannels * perGroup * spec.Kernel * spec.Kernel)), type, spec.OutChannels, perGroup, spec.Kernel, spec.Kernel));
            var bias = b.Constant($"model.{i}.conv.bias", Make(Enumerable.Range(0, (int)spec.OutChannels).Select(c => 0.25f - (0.125f * c)).ToArray(), type, spec.OutChannels));
            long pad = (spec.Kernel - 1) / 2;
            x = b.Op("Conv", ConvName(i), [x, w, bias], NodeAttribute.Ints("kernel_shape", spec.Kernel, spec.Kernel), NodeAttribute.Ints("pads", pad, pad, pad, pad), NodeAttribute.Int("group", spec.Group));
            if (i + 1 < convs.Count)
            {
                x = b.Op("Relu", $"/model.{i}/act/Relu", [x]);
            }

            channels = spec.OutChannels;
        }

        var offset = b.Constant("offset", Make([0.5f], type, 1));
        var y = b.Op("Add", [x, offset]);
        b.Output(y, "y", type, 1, channels, Spatial, Spatial);
        return b.Build();
    }

    /// <summary>A seeded random chain of 1-3 Convs; with <paramref name="fourAligned"/> most channel counts are multiples of 4.</summary>
    public static Model Random(int seed, DataType type, Values values, bool fourAligned = false)
    {
        var random = new Random(seed);
        int layers = random.Next(1, 4);
        long[] inChoices = fourAligned ? [3, 4, 8, 12] : [1, 2, 3, 4, 6, 8];
        long[] outChoices = fourAligned ? [4, 8, 12] : inChoices;
        long inChannels = inChoices[random.Next(inChoices.Length)];
        var specs = new List<ConvSpec>();
        long channels = inChannels;
        for (int i = 0; i < layers; i++)
        {
            long outChannels = outChoices[random.Next(outChoices.Length)];
            long group = channels % 2 == 0 && outChannels % 2 == 0 && random.Next(4) == 0 ? 2 : 1;
            specs.Add(new ConvSpec(outChannels, random.Next(2) == 0 ? 1 : 3, group));
            channels = outChannels;
        }

        return Chain(inChannels, specs, (_, count) => Draw(random, count, values), type);
    }

    public static float[] Draw(Random random, int count, Values values)
    {
        var result = new float[count];
        for (int i = 0; i < count; i++)
        {
            double normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            result[i] = values switch
            {
                Values.Levels => (random.Next(9) - 4) * 0.125f,
                Values.SignedZeros => random.Next(6) switch
                {
                    0 => 0f,
                    1 => -0f,
                    _ => (float)(normal * 0.3),
                },
                _ => (float)(normal * 0.3),
            };
        }

        return result;
    }

    public static Tensor Make(float[] values, DataType type, params long[] dims) => type switch
    {
        DataType.Float => Tensor.Create(values, dims),
        DataType.Float16 => Tensor.Create(values.Select(v => (Half)v).ToArray(), dims),
        DataType.Double => Tensor.Create(values.Select(v => (double)v).ToArray(), dims),
        _ => throw new ArgumentException($"no test weights of type {type}", nameof(type)),
    };

    /// <summary>Every Conv weight initializer of the main graph, by name.</summary>
    public static Dictionary<string, Tensor> ConvWeights(Model model) =>
        model.Graph.Nodes.Where(n => n.Is("Conv")).Select(n => n.Input(1)!).Distinct()
            .ToDictionary(v => v.Name, v => v.ConstValue!);

    /// <summary>Every initializer that is not a Conv weight, by name.</summary>
    public static Dictionary<string, Tensor> OtherInitializers(Model model)
    {
        var weights = ConvWeights(model);
        return model.Graph.Initializers.Where(v => !weights.ContainsKey(v.Name)).ToDictionary(v => v.Name, v => v.ConstValue!);
    }

    public static long Zeros(Tensor tensor) => tensor.ToDoubleArray().Count(v => v == 0);

    public static Model Clone(Model model) => ModelReader.Load(ModelWriter.ToBytes(model));
}
