using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Protos;

namespace OnnxOpt.Graph.Tests.Support;

/// <summary>
/// Random but valid models built through <see cref="ModelBuilder"/>: op chains of Add/Mul/Relu/Conv/Concat/Identity,
/// initializers of many types, a custom-domain node carrying every attribute kind, an If with two branches that
/// use outer values, metadata and doc strings. The same seed always gives the same model.
/// </summary>
internal static class RandomModels
{
    public const string CustomDomain = "com.example";

    public static Model Create(int seed)
    {
        var rng = new Random(seed);
        var b = new ModelBuilder(opset: rng.Next(13, 22), graphName: "g" + rng.Next(1000), irVersion: rng.Next(7, 11));
        var model = b.Model;
        model.SetOpset(CustomDomain, rng.Next(1, 4));
        if (rng.Next(2) == 0)
        {
            model.Domain = "org.test";
            model.ModelVersion = rng.Next(1, 100);
            model.DocString = "model doc ✓ " + rng.Next(100);
            b.Graph.DocString = "graph doc";
        }

        for (int i = rng.Next(0, 4); i > 0; i--)
        {
            b.Metadata("key" + i, "välue\n" + rng.Next(1000));
        }

        var pool = new List<Value>();
        for (int i = rng.Next(1, 3); i > 0; i--)
        {
            var dims = new Dim[] { rng.Next(2) == 0 ? Dim.Symbol("batch") : Dim.Of(1), Dim.Of(3), rng.Next(3) == 0 ? Dim.Unknown : Dim.Of(8), Dim.Of(8) };
            pool.Add(b.Input("input" + i, DataType.Float, new Shape(dims)));
        }

        for (int i = rng.Next(0, 5); i > 0; i--)
        {
            var unused = b.Constant("extra", RandomTensors.Any(rng));
            if (rng.Next(5) == 0)
            {
                // IR < 4 files list initializers as inputs too.
                b.Graph.AddInput(unused);
            }
        }

        int steps = rng.Next(1, 10);
        for (int step = 0; step < steps; step++)
        {
            var value = rng.Next(7) switch
            {
                0 => b.Op(rng.Next(2) == 0 ? "Add" : "Mul", [Pick(rng, pool), rng.Next(2) == 0 ? Pick(rng, pool) : b.Constant("k", RandomTensors.Floats(rng, 1))]),
                1 => b.Op(rng.Next(2) == 0 ? "Relu" : "Identity", [Pick(rng, pool)]),
                2 => Conv(rng, b, Pick(rng, pool)),
                3 => b.Op("Concat", Enumerable.Range(0, rng.Next(1, 4)).Select(_ => Pick(rng, pool)), NodeAttribute.Int("axis", 1)),
                4 => Custom(rng, b, pool),
                5 => If(rng, b, pool),
                _ => b.Op("Identity", "named_" + step, [Pick(rng, pool)]),
            };
            if (rng.Next(3) == 0)
            {
                // Intermediate types end up in value_info.
                value.ElementType = DataType.Float;
                value.Shape = rng.Next(2) == 0 ? null : Shape.Of(1, rng.Next(1, 9));
            }

            if (rng.Next(6) == 0)
            {
                value.DocString = "value doc " + step;
            }

            if (rng.Next(4) == 0 && value.Producer is { } producer)
            {
                producer.DocString = "node doc " + step;
            }

            pool.Add(value);
        }

        b.Output(pool[^1], "result", DataType.Float);
        if (pool.Count > 2 && rng.Next(2) == 0 && pool[^2].Producer is not null)
        {
            b.Output(pool[^2], "second");
        }

        return b.Build();
    }

    private static Value Pick(Random rng, List<Value> pool) => pool[rng.Next(pool.Count)];

    private static Value Conv(Random rng, ModelBuilder b, Value x)
    {
        var w = b.Constant("w", RandomTensors.Floats(rng, 3, 3, 3, 3));
        var inputs = new List<Value?> { x, w };
        if (rng.Next(2) == 0)
        {
            inputs.Add(b.Constant("bias", RandomTensors.Floats(rng, 3)));
        }

        return b.Op(
            "Conv",
            inputs,
            NodeAttribute.Ints("kernel_shape", 3, 3),
            NodeAttribute.Ints("pads", 1, 1, 1, 1),
            NodeAttribute.Ints("strides", 1, 1),
            NodeAttribute.Int("group", 1),
            NodeAttribute.String("auto_pad", "NOTSET"));
    }

    /// <summary>A custom-domain node with an omitted middle input, an omitted output and one attribute of every kind.</summary>
    private static Value Custom(Random rng, ModelBuilder b, List<Value> pool)
    {
        var g = b.Graph;
        string name = g.UniqueNodeName("custom");
        var attributes = new List<NodeAttribute>
        {
            NodeAttribute.Float("f", RandomFloat(rng)),
            NodeAttribute.Int("i", rng.NextInt64(long.MinValue, long.MaxValue)),
            NodeAttribute.String("s", "text ✓ \"quoted\""),
            NodeAttribute.Bytes("raw", RandomBytes(rng, rng.Next(0, 8))),
            NodeAttribute.FromTensor("t", RandomTensors.Any(rng)),
            NodeAttribute.FromGraph("body", SmallGraph(rng, name + "_body")),
            NodeAttribute.Floats("fs", Enumerable.Range(0, rng.Next(0, 4)).Select(_ => RandomFloat(rng)).ToArray()),
            NodeAttribute.Ints("is", Enumerable.Range(0, rng.Next(0, 4)).Select(_ => (long)rng.Next()).ToArray()),
            NodeAttribute.Strings("ss", "a", string.Empty, "ü"),
            NodeAttribute.FromTensors("ts", RandomTensors.Any(rng), RandomTensors.Any(rng)),
            NodeAttribute.FromGraphs("gs", SmallGraph(rng, name + "_g0"), SmallGraph(rng, name + "_g1")),
            NodeAttribute.Opaque("sparse", AttributeKind.SparseTensor, Sparse()),
            NodeAttribute.Opaque("sparses", AttributeKind.SparseTensors, new[] { Sparse(), Sparse() }),
            NodeAttribute.Opaque("tp", AttributeKind.TypeProto, TensorType(DataType.Float16, 2)),
            NodeAttribute.Opaque("tps", AttributeKind.TypeProtos, new[] { TensorType(DataType.Int8, 1), new TypeProto { SequenceType = new TypeProto.Types.Sequence { ElemType = TensorType(DataType.Float, 3) } } }),
        };
        var node = g.AddNode(
            "Fancy",
            [Pick(rng, pool), null, Pick(rng, pool)],
            name: name,
            attributes: attributes.OrderBy(_ => rng.Next()),
            domain: CustomDomain,
            outputNames: [g.UniqueName(name + "_out"), string.Empty]);
        node.Overload = rng.Next(2) == 0 ? "v2" : null;
        return node.Outputs[0];
    }

    /// <summary>An If whose branches read values of the enclosing graph.</summary>
    private static Value If(Random rng, ModelBuilder b, List<Value> pool)
    {
        var g = b.Graph;
        string name = g.UniqueNodeName("if");
        var cond = b.Constant("cond", Tensor.Scalar(rng.Next(2) == 0));
        var thenBranch = Branch(rng, name + "_then", Pick(rng, pool));
        var elseBranch = Branch(rng, name + "_else", Pick(rng, pool));
        var node = g.AddNode(
            "If",
            [cond],
            name: name,
            attributes: [NodeAttribute.FromGraph("then_branch", thenBranch), NodeAttribute.FromGraph("else_branch", elseBranch)],
            outputNames: [g.UniqueName(name + "_out")]);
        return node.Outputs[0];
    }

    private static OnnxGraph Branch(Random rng, string prefix, Value outer)
    {
        var branch = new OnnxGraph(prefix);
        var c = branch.AddInitializer(prefix + "_c", RandomTensors.Floats(rng, 1));
        var sum = branch.AddNode("Add", [outer, c], name: prefix + "_add", outputNames: [prefix + "_sum"]).Outputs[0];
        var relu = branch.AddNode("Relu", [sum], name: prefix + "_relu", outputNames: [prefix + "_y"]).Outputs[0];
        relu.ElementType = DataType.Float;
        branch.AddOutput(relu);
        return branch;
    }

    /// <summary>A self-contained subgraph with an input, an initializer of a random type and an Identity.</summary>
    private static OnnxGraph SmallGraph(Random rng, string prefix)
    {
        var graph = new OnnxGraph(prefix);
        var x = graph.AddInput(prefix + "_x", DataType.Float, rng.Next(2) == 0 ? null : Shape.Of(2));
        graph.AddInitializer(prefix + "_w", RandomTensors.Any(rng));
        var y = graph.AddNode("Identity", [x], name: prefix + "_id", outputNames: [prefix + "_y"]).Outputs[0];
        graph.AddOutput(y);
        return graph;
    }

    private static float RandomFloat(Random rng) => rng.Next(4) switch
    {
        // Arbitrary bit patterns include NaNs with payloads, infinities, -0 and subnormals.
        0 => BitConverter.Int32BitsToSingle(rng.Next() ^ (rng.Next(2) << 31)),
        1 => -0.0f,
        _ => (float)rng.NextDouble(),
    };

    private static byte[] RandomBytes(Random rng, int length)
    {
        var bytes = new byte[length];
        rng.NextBytes(bytes);
        return bytes;
    }

    private static SparseTensorProto Sparse()
    {
        var values = new TensorProto { DataType = (int)DataType.Float, RawData = Google.Protobuf.ByteString.CopyFrom(1, 0, 128, 63) };
        values.Dims.Add(1);
        var indices = new TensorProto { DataType = (int)DataType.Int64 };
        indices.Dims.Add(1);
        indices.Int64Data.Add(2);
        var sparse = new SparseTensorProto { Values = values, Indices = indices };
        sparse.Dims.Add(4);
        return sparse;
    }

    private static TypeProto TensorType(DataType type, long dim)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = dim });
        return new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } };
    }
}
