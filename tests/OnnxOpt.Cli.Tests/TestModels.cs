using Google.Protobuf;
using OnnxOpt.Fixtures.Small;
using OnnxOpt.SampleModels.Yolo;
using OnnxOpt.SampleModels;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Protos;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Cli.Tests;

/// <summary>Model files for CLI tests: good ones, and the kinds of broken ones users feed a tool.</summary>
public static class TestModels
{
    /// <summary>A small YOLOv8n (64x64 input: the same 233-node graph with tiny anchor tables).</summary>
    public static Model SmallYolo(long opset = 17) => YoloV8Generator.Generate(new YoloV8Options { ImageSize = 64, Opset = opset });

    public static string Save(Model model, string path)
    {
        ModelWriter.Save(model, path);
        return path;
    }

    /// <summary>y = x + Erf(c) with constant c: Erf has no built-in folding kernel, so only ONNX Runtime can fold it.</summary>
    public static Model ConstantErf()
    {
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", DataType.Float, 2);
        var erf = b.Op("Erf", "erf", [b.Constant("c", Tensor.Create([0f, 0.5f], 2))]);
        b.Output(b.Op("Add", "add", [x, erf]), "y");
        return b.Build();
    }

    /// <summary>y = Relu(x) or y = Sigmoid(x) on a [1,8] input: two models with the same interface and different outputs.</summary>
    public static Model Activation(string opType)
    {
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", DataType.Float, 1, 8);
        b.Output(b.Op(opType, "act", [x]), "y");
        return b.Build();
    }

    /// <summary>Conv [2,1,2,2] weights with exactly three zeros out of eight, and no bias.</summary>
    public static Model SparseConv()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", DataType.Float, 1, 1, 4, 4);
        var w = b.Constant("w", Tensor.Create(new[] { 0f, 1f, -0f, 2f, 3f, 0f, 4f, 5f }, 2, 1, 2, 2));
        b.Output(b.Op("Conv", "conv", [x, w], NodeAttribute.Ints("kernel_shape", 2, 2)), "y");
        return b.Build();
    }

    /// <summary>Relu then Det: no TensorRT parser has an importer for Det, so the check flags node 'odd_det'.</summary>
    public static Model UnsupportedByTensorRt()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", DataType.Float, 2, 2);
        var y = b.Op("Relu", "relu", [x]);
        b.Output(b.Op("Det", "odd_det", [y]), "det");
        return b.Build();
    }

    /// <summary>A model that loads but fails verification: its two nodes are listed in the wrong order.</summary>
    public static Model OutOfOrder()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", DataType.Float, 4);
        var y = b.Op("Relu", "first", [x]);
        b.Output(b.Op("Neg", "second", [y]), "z");
        var model = b.Build();
        model.Graph.ReorderNodes(model.Graph.Nodes.Reverse().ToList());
        return model;
    }

    /// <summary>A valid model file whose initializer claims its data lives at <paramref name="location"/>.</summary>
    public static byte[] WithExternalLocation(string location)
    {
        var proto = ModelProto.Parser.ParseFrom(ModelWriter.ToBytes(SmallModels.AddChain()));
        var tensor = proto.Graph.Initializer[0];
        long length = tensor.RawData.Length;
        tensor.ClearRawData();
        tensor.DataLocation = TensorProto.Types.DataLocation.External;
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return proto.ToByteArray();
    }
}
