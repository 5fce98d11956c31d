using Google.Protobuf;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Protos;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Graph.Tests.Support;

/// <summary>Hand-built ModelProto messages, for inputs the IR itself would never produce (typed data fields, broken graphs).</summary>
internal static class ProtoModels
{
    /// <summary>A model whose only content is <paramref name="tensor"/> as an initializer that is also the graph output.</summary>
    public static ModelProto WithInitializer(TensorProto tensor)
    {
        var graph = new GraphProto { Name = "main" };
        graph.Initializer.Add(tensor);
        graph.Output.Add(new ValueInfoProto { Name = tensor.Name });
        return Model(graph);
    }

    public static ModelProto Model(GraphProto graph)
    {
        var model = new ModelProto { IrVersion = 10, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        return model;
    }

    public static GraphProto Graph(params NodeProto[] nodes)
    {
        var graph = new GraphProto { Name = "main" };
        graph.Input.Add(FloatInfo("x"));
        graph.Node.AddRange(nodes);
        return graph;
    }

    public static NodeProto Node(string opType, string name, string[] inputs, params string[] outputs)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        return node;
    }

    public static ValueInfoProto FloatInfo(string name) =>
        new() { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float } } };

    public static TensorProto Tensor(string name, DataType type, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    /// <summary>The tensor named <paramref name="name"/> after reading <paramref name="model"/> through <see cref="ModelReader"/>.</summary>
    public static Tensor ReadInitializer(ModelProto model, string name) =>
        ModelReader.Load(model.ToByteArray()).Graph.FindValue(name)!.ConstValue!;
}
