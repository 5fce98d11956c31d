using Google.Protobuf;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Protos;

namespace OnnxOpt.Graph.Serialization;

/// <summary>Writes the IR back to ONNX protobuf, keeping what was read but not modelled (unknown fields, metadata, functions).</summary>
public static class ModelWriter
{
    private const long ProtobufLimit = int.MaxValue;

    /// <summary>Saves to <paramref name="path"/> through a temporary file and a rename; external data (if asked) goes beside it the same way.</summary>
    public static void Save(Model model, string path, WriteOptions? options = null)
    {
        using var pending = SavePending(model, path, options);
        pending.Commit();
    }

    /// <summary>
    /// Writes the model (and its external data file, if asked) to temporary files beside <paramref name="path"/>
    /// without renaming them into place: the caller commits or disposes the result.
    /// </summary>
    public static PendingWrite SavePending(Model model, string path, WriteOptions? options = null)
    {
        options ??= WriteOptions.Default;

        // A symbolic link is followed: its target is replaced and the data file goes beside the target.
        string full = PathIdentity.Canonical(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        if (!options.ExternalData)
        {
            var proto = ToProto(model, null);
            CheckSize(proto);
            return AtomicFile.WritePending(full, stream => InitializerDataSplicer.Write(proto, stream));
        }

        var previous = DataFileNames.Existing(folder, Path.GetFileName(full));
        string dataName = options.ExternalDataFileName ?? DataFileNames.Fresh(folder, Path.GetFileName(full));
        CheckDataFileName(dataName);
        string dataPath = Path.GetFullPath(Path.Combine(folder, dataName));
        if (dataPath == full)
        {
            throw new ArgumentException($"the external data file '{dataName}' cannot be the model file itself", nameof(options));
        }

        // The new data file replaces the old one by rename; tensors still reading lazily from a file of that
        // name must be loaded first, or they would later read the new file at their old offsets.
        LoadTensorsReadingFrom(model.Graph, dataPath);
        var sink = new ExternalDataSink(dataName, options.ExternalDataThreshold);
        var withExternal = ToProto(model, sink);
        CheckSize(withExternal);
        using var data = AtomicFile.WritePending(dataPath, sink.WriteAll);
        using var modelFile = AtomicFile.WritePending(full, stream => InitializerDataSplicer.Write(withExternal, stream));

        // The model is renamed last, so a crash between the renames leaves the old model beside its own old data.
        // The old data goes only after the new model is in place, and never a file this model still reads from.
        var stillRead = ExternalSources(model.Graph);
        var obsolete = previous.Where(p => !PathIdentity.Same(p, dataPath) && !stillRead.Concat(options.KeepFiles).Any(r => PathIdentity.SameFile(r, p)));
        return PendingWrite.Concat(data, modelFile).ThenDelete(obsolete.ToList());
    }

    public static void Save(Model model, Stream stream)
    {
        var proto = ToProto(model, null);
        CheckSize(proto);
        InitializerDataSplicer.Write(proto, stream);
    }

    public static byte[] ToBytes(Model model)
    {
        var proto = ToProto(model, null);
        CheckSize(proto);
        return proto.ToByteArray();
    }

    private static void CheckSize(ModelProto proto)
    {
        // CalculateSize sums in int and wraps past 2 GB, so a negative size means "too large" as well.
        long size = proto.CalculateSize();
        if (size >= ProtobufLimit || size < 0)
        {
            throw new OnnxFormatException("the model is larger than protobuf's 2 GB limit; save it with external data (--external-data)");
        }
    }

    // The name is written into the model and checked again by every reader: refuse what they would refuse.
    private static void CheckDataFileName(string name)
    {
        if (name.Length == 0 || Path.IsPathRooted(name) || name.Contains('\0') || name.Contains(':')
            || Array.IndexOf(name.Split('/', '\\'), "..") >= 0 || name.EndsWith('/') || name.EndsWith('\\'))
        {
            throw new ArgumentException($"external data file name '{name}' must be a relative file path inside the model's folder, without '..'", nameof(name));
        }
    }

    private static void LoadTensorsReadingFrom(OnnxGraph graph, string dataPath) =>
        VisitTensors(graph, tensor =>
        {
            if (tensor is { IsLoaded: false, External: { } external } && external.FullPath == dataPath)
            {
                _ = tensor.Bytes;
            }
        });

    private static List<string> ExternalSources(OnnxGraph graph)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        VisitTensors(graph, tensor =>
        {
            if (tensor?.External is { } external)
            {
                files.Add(external.FullPath);
            }
        });
        return [.. files];
    }

    private static void VisitTensors(OnnxGraph graph, Action<Tensor?> visit)
    {
        foreach (var g in graph.AllGraphs())
        {
            foreach (var init in g.Initializers)
            {
                visit(init.ConstValue);
            }

            foreach (var node in g.Nodes)
            {
                foreach (var attribute in node.Attributes)
                {
                    visit(attribute.RawValue as Tensor);
                    foreach (var tensor in attribute.RawValue as Tensor[] ?? [])
                    {
                        visit(tensor);
                    }
                }
            }
        }
    }

    /// <summary>Builds the ModelProto; tensors at or over the sink's threshold are redirected to it.</summary>
    internal static ModelProto ToProto(Model model, ExternalDataSink? sink)
    {
        var proto = new ModelProto { IrVersion = model.IrVersion, Graph = new GraphWriter(sink).Convert(model.Graph) };
        if (model.ProducerName is not null) proto.ProducerName = model.ProducerName;
        if (model.ProducerVersion is not null) proto.ProducerVersion = model.ProducerVersion;
        if (model.Domain is not null) proto.Domain = model.Domain;
        if (model.ModelVersion is { } version) proto.ModelVersion = version;
        if (model.DocString is not null) proto.DocString = model.DocString;
        proto.OpsetImport.AddRange(model.OpsetImports.Select(o => new OperatorSetIdProto { Domain = o.Domain, Version = o.Version }));
        proto.MetadataProps.AddRange(model.MetadataProps.Select(p => new StringStringEntryProto { Key = p.Key, Value = p.Value }));
        proto.Functions.AddRange(model.Functions);
        proto.TrainingInfo.AddRange(model.TrainingInfo);
        proto.Configuration.AddRange(model.DeviceConfigurations);
        proto.Unknown = model.Source?.Unknown;
        return proto;
    }

    private sealed class GraphWriter(ExternalDataSink? sink)
    {
        public GraphProto Convert(OnnxGraph graph)
        {
            var proto = new GraphProto { Name = graph.Name };
            if (graph.DocString is not null) proto.DocString = graph.DocString;
            proto.Unknown = graph.Source?.Unknown;

            foreach (var init in graph.Initializers)
            {
                proto.Initializer.Add(Tensor(init.ConstValue!, init.Name, init.SourceTensor));
            }

            proto.SparseInitializer.AddRange(graph.SparseInitializers);
            proto.Input.AddRange(graph.Inputs.Select(ValueInfo));
            proto.Output.AddRange(graph.Outputs.Select(ValueInfo));

            foreach (var node in graph.Nodes)
            {
                proto.Node.Add(Node(node));
                foreach (var output in node.Outputs)
                {
                    if (output.Name.Length > 0 && (output.ElementType != DataType.Undefined || output.NonTensorType is not null || output.SourceInfo is not null || output.DocString is not null) && !output.IsGraphOutput)
                    {
                        proto.ValueInfo.Add(ValueInfo(output));
                    }
                }
            }

            proto.QuantizationAnnotation.AddRange(graph.QuantizationAnnotations);
            proto.MetadataProps.AddRange(graph.MetadataProps.Select(p => new StringStringEntryProto { Key = p.Key, Value = p.Value }));
            return proto;
        }

        private TensorProto Tensor(Tensor tensor, string name, TensorProto? source)
        {
            var proto = sink is not null && sink.Wants(tensor)
                ? sink.Redirect(tensor, name)
                : TensorProtoConverter.ToProto(tensor, name);
            if (source is not null)
            {
                proto.MetadataProps.AddRange(source.MetadataProps);
                proto.Unknown = source.Unknown;
            }

            return proto;
        }

        private NodeProto Node(Node node)
        {
            var proto = new NodeProto { OpType = node.OpType };
            if (node.Name.Length > 0) proto.Name = node.Name;
            if (node.Domain.Length > 0) proto.Domain = node.Domain;
            if (node.Overload is not null) proto.Overload = node.Overload;
            if (node.DocString is not null) proto.DocString = node.DocString;
            proto.Input.AddRange(node.Inputs.Select(v => v?.Name ?? string.Empty));
            proto.Output.AddRange(node.Outputs.Select(v => v.Name));
            proto.Attribute.AddRange(node.Attributes.Select(NodeAttribute));
            if (node.Source is { } source)
            {
                proto.MetadataProps.AddRange(source.MetadataProps);
                proto.DeviceConfigurations.AddRange(source.DeviceConfigurations);
                proto.Unknown = source.Unknown;
            }

            return proto;
        }

        private AttributeProto NodeAttribute(NodeAttribute attribute)
        {
            var proto = new AttributeProto { Name = attribute.Name, Type = (AttributeProto.Types.AttributeType)(int)attribute.Kind };
            if (attribute.RefAttrName is not null) proto.RefAttrName = attribute.RefAttrName;
            if (attribute.DocString is not null) proto.DocString = attribute.DocString;
            switch (attribute.RawValue)
            {
                case float f: proto.F = f; break;
                case long i: proto.I = i; break;
                case byte[] s: proto.S = ByteString.CopyFrom(s); break;
                case Tensor t: proto.T = TensorProtoConverter.ToProto(t, string.Empty); break;
                case OnnxGraph g: proto.G = Convert(g); break;
                case float[] fs: proto.Floats.AddRange(fs); break;
                case long[] ints: proto.Ints.AddRange(ints); break;
                case byte[][] ss: proto.Strings.AddRange(ss.Select(ByteString.CopyFrom)); break;
                case Tensor[] ts: proto.Tensors.AddRange(ts.Select(t => TensorProtoConverter.ToProto(t, string.Empty))); break;
                case OnnxGraph[] gs: proto.Graphs.AddRange(gs.Select(Convert)); break;
                case SparseTensorProto sp: proto.SparseTensor = sp; break;
                case SparseTensorProto[] sps: proto.SparseTensors.AddRange(sps); break;
                case TypeProto tp: proto.Tp = tp; break;
                case TypeProto[] tps: proto.TypeProtos.AddRange(tps); break;
            }

            proto.Unknown = attribute.Source?.Unknown;
            return proto;
        }

        private static ValueInfoProto ValueInfo(Value value)
        {
            var proto = new ValueInfoProto { Name = value.Name };
            if (value.DocString is not null) proto.DocString = value.DocString;
            var type = TypeOf(value);
            if (type is not null) proto.Type = type;
            if (value.SourceInfo is { } source)
            {
                proto.MetadataProps.AddRange(source.MetadataProps);
                proto.Unknown = source.Unknown;
            }

            return proto;
        }

        private static TypeProto? TypeOf(Value value)
        {
            if (value.NonTensorType is not null)
            {
                return value.NonTensorType.Proto;
            }

            // Reuse the type as read when it still says the same thing: it may carry denotations and unknown fields.
            if (value.SourceInfo?.Type is { TensorType: { } read } original
                && read.ElemType == (int)value.ElementType
                && ModelReader.ShapeMatches(read.Shape, value.Shape))
            {
                return original;
            }

            if (value.ElementType == DataType.Undefined && value.Shape is null)
            {
                return null;
            }

            var tensorType = new TypeProto.Types.Tensor();
            if (value.ElementType != DataType.Undefined)
            {
                tensorType.ElemType = (int)value.ElementType;
            }

            if (value.Shape is not null)
            {
                var shape = new TensorShapeProto();
                foreach (var dim in value.Shape)
                {
                    var d = new TensorShapeProto.Types.Dimension();
                    if (dim.Value is { } v) d.DimValue = v;
                    else if (dim.Param is { } p) d.DimParam = p;
                    shape.Dim.Add(d);
                }

                tensorType.Shape = shape;
            }

            return new TypeProto { TensorType = tensorType };
        }
    }
}
