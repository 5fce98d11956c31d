using Google.Protobuf;
using OnnxOpt.Graph.Protos;

namespace OnnxOpt.Reliability.Tests.Fuzzing;

/// <summary>
/// Structure-aware mutations of an ONNX model at the protobuf level, the kinds a broken exporter or an attacker
/// writes while keeping the file parseable: dims, element types, attribute values, dangling inputs, cycles, huge
/// declared sizes, external data locations, op types, opsets and IR versions. Seeded: the same seed gives the
/// same mutant.
/// </summary>
internal sealed class ModelMutator(int seed)
{
    private static readonly long[] Extremes = [0, -1, -2, 1, 2, 3, long.MinValue, long.MaxValue, int.MinValue, int.MaxValue, 1L << 31, 1L << 40, 1L << 62, 65535];
    private static readonly float[] Floats = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 1e38f, -1e-45f, 1f];
    private static readonly string[] Locations = ["../outside.bin", "/etc/passwd", "sub/../../x.bin", "missing.bin", "", "a\0b", "C:\\x.bin", "data.bin", "./data.bin", "dir/"];
    private static readonly string[] OpTypes = ["", "Div", "Mod", "Range", "Reshape", "Expand", "Tile", "ConstantOfShape", "Gather", "Slice", "Concat", "Conv", "Loop", "NoSuchOp", "Identity"];

    private readonly Random _random = new(seed);

    /// <summary>Names of the mutations applied, for the failure message.</summary>
    public List<string> Applied { get; } = [];

    /// <summary>Applies one to three mutations to a copy of <paramref name="original"/>.</summary>
    public ModelProto Mutate(ModelProto original)
    {
        var model = original.Clone();
        int count = _random.Next(1, 4);
        for (int i = 0; i < count; i++)
        {
            Action<ModelProto>[] mutations = [Dims, ElementType, AttributeValue, DanglingInput, Cycle, HugeInitializer, ExternalData, OpType, Header, DuplicateOutput, DropOutputs];
            var mutation = mutations[_random.Next(mutations.Length)];
            Applied.Add(mutation.Method.Name);
            mutation(model);
        }

        return model;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private long Extreme() => _random.Next(3) == 0 ? _random.Next(-4, 70) : Pick(Extremes);

    private void Dims(ModelProto model)
    {
        var infos = model.Graph.Input.Concat(model.Graph.ValueInfo).Concat(model.Graph.Output).Where(v => v.Type?.TensorType?.Shape is not null).ToList();
        if (infos.Count > 0 && _random.Next(2) == 0)
        {
            var shape = Pick(infos).Type.TensorType.Shape;
            if (shape.Dim.Count > 0)
            {
                shape.Dim[_random.Next(shape.Dim.Count)] = _random.Next(4) == 0 ? new TensorShapeProto.Types.Dimension { DimParam = "n" } : new TensorShapeProto.Types.Dimension { DimValue = Extreme() };
            }
            else
            {
                shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = Extreme() });
            }
        }
        else if (model.Graph.Initializer.Count > 0)
        {
            var tensor = Pick(model.Graph.Initializer);
            if (tensor.Dims.Count > 0)
            {
                tensor.Dims[_random.Next(tensor.Dims.Count)] = Extreme();
            }
            else
            {
                tensor.Dims.Add(Extreme());
            }
        }
    }

    private void ElementType(ModelProto model)
    {
        int type = _random.Next(-1, 26);
        if (_random.Next(2) == 0 && model.Graph.Initializer.Count > 0)
        {
            Pick(model.Graph.Initializer).DataType = type;
        }
        else if (model.Graph.Input.Concat(model.Graph.ValueInfo).Where(v => v.Type?.TensorType is not null).ToList() is { Count: > 0 } infos)
        {
            Pick(infos).Type.TensorType.ElemType = type;
        }
    }

    private void AttributeValue(ModelProto model)
    {
        var attributes = AllNodes(model.Graph).SelectMany(n => n.Attribute).ToList();
        if (attributes.Count == 0)
        {
            return;
        }

        var attribute = Pick(attributes);
        switch (attribute.Type)
        {
            case AttributeProto.Types.AttributeType.Int:
                attribute.I = Extreme();
                break;
            case AttributeProto.Types.AttributeType.Float:
                attribute.F = Pick(Floats);
                break;
            case AttributeProto.Types.AttributeType.Ints when attribute.Ints.Count > 0:
                attribute.Ints[_random.Next(attribute.Ints.Count)] = Extreme();
                break;
            case AttributeProto.Types.AttributeType.Ints:
                attribute.Ints.Add(Extreme());
                break;
            case AttributeProto.Types.AttributeType.Tensor when attribute.T is { } t:
                t.Dims.Add(Extreme());
                break;
            default:
                attribute.Type = (AttributeProto.Types.AttributeType)_random.Next(0, 16);
                break;
        }
    }

    private void DanglingInput(ModelProto model)
    {
        var nodes = AllNodes(model.Graph).Where(n => n.Input.Count > 0).ToList();
        if (nodes.Count > 0)
        {
            var node = Pick(nodes);
            node.Input[_random.Next(node.Input.Count)] = _random.Next(3) == 0 ? string.Empty : "no_such_value";
        }
    }

    private void Cycle(ModelProto model)
    {
        var nodes = model.Graph.Node;
        if (nodes.Count == 0)
        {
            return;
        }

        // A node reads its own output, or an earlier node reads a later node's output.
        int at = _random.Next(nodes.Count);
        int later = _random.Next(at, nodes.Count);
        if (nodes[at].Input.Count > 0 && nodes[later].Output.Count > 0)
        {
            nodes[at].Input[0] = nodes[later].Output[0];
        }
    }

    private void HugeInitializer(ModelProto model)
    {
        var tensor = new TensorProto { Name = $"huge_{_random.Next(1000)}", DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(new byte[16]) };
        tensor.Dims.Add(1L << 40);
        tensor.Dims.Add(1L << 40);
        model.Graph.Initializer.Add(tensor);
        if (model.Graph.Node.Count > 0 && model.Graph.Node[0].Input.Count > 0)
        {
            model.Graph.Node[0].Input[^1] = tensor.Name;
        }
    }

    private void ExternalData(ModelProto model)
    {
        if (model.Graph.Initializer.Count == 0)
        {
            return;
        }

        var tensor = Pick(model.Graph.Initializer);
        tensor.ClearRawData();
        tensor.FloatData.Clear();
        tensor.Int64Data.Clear();
        tensor.Int32Data.Clear();
        tensor.DataLocation = TensorProto.Types.DataLocation.External;
        tensor.ExternalData.Clear();
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = Pick(Locations) });
        if (_random.Next(2) == 0)
        {
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = Extreme().ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        if (_random.Next(2) == 0)
        {
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = _random.Next(3) == 0 ? "x" : Extreme().ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
    }

    private void OpType(ModelProto model)
    {
        var nodes = AllNodes(model.Graph).ToList();
        if (nodes.Count > 0)
        {
            Pick(nodes).OpType = Pick(OpTypes);
        }
    }

    private void Header(ModelProto model)
    {
        if (_random.Next(2) == 0)
        {
            model.IrVersion = Extreme();
        }
        else if (model.OpsetImport.Count > 0)
        {
            model.OpsetImport[0].Version = _random.Next(2) == 0 ? _random.Next(-3, 30) : Extreme();
        }
    }

    private void DuplicateOutput(ModelProto model)
    {
        var nodes = model.Graph.Node;
        if (nodes.Count >= 2)
        {
            nodes[_random.Next(nodes.Count)].Output[0] = nodes[_random.Next(nodes.Count)].Output[0];
        }
    }

    private void DropOutputs(ModelProto model)
    {
        if (_random.Next(2) == 0)
        {
            model.Graph.Output.Clear();
        }
        else
        {
            model.Graph.Output.Add(new ValueInfoProto { Name = "no_such_output" });
        }
    }

    private static IEnumerable<NodeProto> AllNodes(GraphProto graph)
    {
        foreach (var node in graph.Node)
        {
            yield return node;
            foreach (var attribute in node.Attribute)
            {
                if (attribute.G is { } g)
                {
                    foreach (var inner in AllNodes(g))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }
}
