using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Graph.Analysis;

/// <summary>Computes a <see cref="ModelSummary"/>. Reads every Conv weight (to count zeros), so external data is loaded.</summary>
public static class ModelSummarizer
{
    /// <summary>Summarizes a model file; the file size is the .onnx file's (external data not included).</summary>
    public static ModelSummary Summarize(string path) => Summarize(ModelReader.Load(path), new FileInfo(path).Length);

    public static ModelSummary Summarize(Model model, long? fileSize = null)
    {
        var graphs = model.Graph.AllGraphs().ToList();
        var initializers = graphs.SelectMany(g => g.Initializers).ToList();
        var convLayers = ConvLayers(model.Graph);
        var distinctConvWeights = convLayers.DistinctBy(l => l.WeightName).ToList();

        return new ModelSummary
        {
            IrVersion = model.IrVersion,
            Opsets = model.OpsetImports.GroupBy(o => o.Domain == "ai.onnx" ? string.Empty : o.Domain).ToDictionary(g => g.Key, g => g.Last().Version),
            ProducerName = model.ProducerName,
            ProducerVersion = model.ProducerVersion,
            Metadata = model.MetadataProps.ToList(),
            Ultralytics = UltralyticsInfo.From(model),
            Inputs = model.Graph.Inputs.Where(v => !v.IsInitializer).Select(Describe).ToList(),
            Outputs = model.Graph.Outputs.Select(Describe).ToList(),
            NodeCount = model.Graph.Nodes.Count,
            TotalNodeCount = model.Graph.AllNodes().Count(),
            OpTypes = model.Graph.Nodes
                .GroupBy(n => n.IsDefaultDomain ? n.OpType : $"{n.Domain}:{n.OpType}")
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()),
            InitializerCount = initializers.Count,
            ParameterCount = initializers.Sum(v => v.ConstValue!.ElementCount),
            WeightBytesByType = initializers
                .GroupBy(v => v.ConstValue!.DataType.OnnxName())
                .OrderByDescending(g => g.Sum(Bytes)).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(Bytes)),
            ExternalDataBytes = initializers.Where(v => v.ConstValue!.External is not null).Sum(v => v.ConstValue!.ByteLength),
            ConvWeightCount = distinctConvWeights.Sum(l => l.WeightCount),
            ConvZeroWeightCount = distinctConvWeights.Sum(l => l.ZeroWeights),
            ConvLayers = convLayers,
            FileSize = fileSize,
        };
    }

    private static ValueSummary Describe(Value value) => new(value.Name, value.ElementType, value.Shape);

    private static long Bytes(Value initializer)
    {
        var tensor = initializer.ConstValue!;
        return tensor.Strings is { } strings ? strings.Sum(s => (long)s.Length) : tensor.ByteLength;
    }

    private static List<ConvLayerSummary> ConvLayers(OnnxGraph graph)
    {
        var zeroCounts = new Dictionary<Value, long>();
        var layers = new List<ConvLayerSummary>();
        foreach (var node in graph.AllNodes().Where(n => n.Is("Conv")))
        {
            if (node.Input(1) is not { ConstValue: { } weight } weightValue)
            {
                continue;
            }

            if (!zeroCounts.TryGetValue(weightValue, out long zeros))
            {
                zeros = CountZeros(weight);
                zeroCounts[weightValue] = zeros;
            }

            long bias = node.Input(2)?.ConstValue?.ElementCount ?? 0;
            layers.Add(new ConvLayerSummary(node.Name, weightValue.Name, weight.DimsArray(), weight.ElementCount + bias, weight.ElementCount, zeros));
        }

        return layers;
    }

    /// <summary>Elements equal to zero (either sign); 0 for the packed 8-bit-float and sub-byte types, which are not decoded here.</summary>
    private static long CountZeros(Tensor tensor)
    {
        if (tensor.DataType == DataType.Float)
        {
            long count = 0;
            foreach (float v in tensor.Span<float>())
            {
                if (v == 0f)
                {
                    count++;
                }
            }

            return count;
        }

        bool readable = tensor.DataType is DataType.Double or DataType.Float16 or DataType.BFloat16
            || (tensor.DataType.IsInteger() && tensor.DataType.BitSize() >= 8);
        return readable ? tensor.ToDoubleArray().LongCount(v => v == 0) : 0;
    }
}
