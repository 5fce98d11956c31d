using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.Building;

/// <summary>
/// A concise way to build models in tests, fixtures and generators:
/// <code>
/// var b = new ModelBuilder(opset: 17);
/// var x = b.Input("x", DataType.Float, 1, 3, 8, 8);
/// var w = b.Constant("w", Tensor.Create(weights, 4, 3, 3, 3));
/// var y = b.Op("Conv", [x, w], NodeAttribute.Ints("pads", 1, 1, 1, 1));
/// b.Output(b.Op("Relu", [y]), "y");
/// Model model = b.Build();
/// </code>
/// </summary>
public sealed class ModelBuilder
{
    private readonly Model _model;

    public ModelBuilder(long opset = 17, string graphName = "main", long irVersion = 10)
    {
        _model = new Model(new OnnxGraph(graphName)) { IrVersion = irVersion, ProducerName = "onnxopt", ProducerVersion = "builder" };
        _model.OpsetImports.Add(new OpsetImport(string.Empty, opset));
    }

    public OnnxGraph Graph => _model.Graph;

    public Model Model => _model;

    public Value Input(string name, DataType type, params long[] dims) => Graph.AddInput(name, type, Shape.Of(dims));

    public Value Input(string name, DataType type, Shape? shape) => Graph.AddInput(name, type, shape);

    /// <summary>Adds an initializer.</summary>
    public Value Constant(string name, Tensor tensor) => Graph.AddInitializer(Graph.UniqueName(name), tensor);

    public Value Constant<T>(string name, T[] values, params long[] dims)
        where T : unmanaged => Constant(name, Tensor.Create(values, dims));

    /// <summary>Adds a single-output node and returns its output.</summary>
    public Value Op(string opType, IEnumerable<Value?> inputs, params NodeAttribute[] attributes) =>
        Node(opType, inputs, 1, null, attributes).Outputs[0];

    /// <summary>Adds a named single-output node and returns its output.</summary>
    public Value Op(string opType, string name, IEnumerable<Value?> inputs, params NodeAttribute[] attributes) =>
        Node(opType, inputs, 1, name, attributes).Outputs[0];

    /// <summary>Adds a node with any number of outputs.</summary>
    public Node Node(string opType, IEnumerable<Value?> inputs, int outputs = 1, string? name = null, IEnumerable<NodeAttribute>? attributes = null, string domain = "")
    {
        string nodeName = name ?? Graph.UniqueNodeName(opType);
        var outputNames = Enumerable.Range(0, outputs).Select(i => Graph.UniqueName(outputs == 1 ? $"{nodeName}_out" : $"{nodeName}_out{i}")).ToArray();
        return Graph.AddNode(opType, inputs, outputs, nodeName, attributes, domain, outputNames);
    }

    /// <summary>Marks a value as a graph output, renaming it first when a name is given, and sets its type if known.</summary>
    public Value Output(Value value, string? name = null, DataType? type = null, params long[]? dims)
    {
        if (name is not null)
        {
            value.Name = name;
        }

        if (type is { } t)
        {
            value.ElementType = t;
        }

        if (dims is { Length: > 0 })
        {
            value.Shape = Shape.Of(dims);
        }

        Graph.AddOutput(value);
        return value;
    }

    public ModelBuilder Metadata(string key, string value)
    {
        _model.SetMetadata(key, value);
        return this;
    }

    public Model Build() => _model;
}
