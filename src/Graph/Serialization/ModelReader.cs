using Google.Protobuf;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Protos;

namespace OnnxOpt.Graph.Serialization;

/// <summary>
/// Reads ONNX files into the IR. Everything that cannot be used (bad bytes, no graph, references to values
/// that do not exist, unsafe external data) is an <see cref="OnnxFormatException"/> with a one-line message.
/// </summary>
public static class ModelReader
{
    /// <summary>Reads a model file; external data is looked for beside it.</summary>
    /// <remarks>The weights of the main graph's initializers keep pointing into one buffer holding the file,
    /// instead of being copied out of it (see <see cref="InitializerDataSplitter"/>).</remarks>
    public static Model Load(string path)
    {
        byte[] file;
        int length;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            (file, length) = stream.CanSeek && stream.Length > 0 ? ReadWhole(stream, path) : ReadStream(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OnnxFormatException($"cannot read '{path}': {e.Message}", e);
        }

        return LoadSharing(file, length, $"'{path}'", Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>Reads a model from a stream; <paramref name="baseDirectory"/> is where external data files are looked for.</summary>
    public static Model Load(Stream stream, string? baseDirectory = null)
    {
        var (buffer, length) = ReadStream(stream);
        return LoadSharing(buffer, length, "input", baseDirectory);
    }

    /// <summary>Parses a model from bytes; <paramref name="baseDirectory"/> is where external data files are looked for.</summary>
    /// <remarks>The caller keeps its array, so every tensor gets its own copy of its data.</remarks>
    public static Model Load(byte[] bytes, string? baseDirectory = null, string? displayName = null) =>
        Convert(Parse(bytes, displayName is null ? "input" : $"'{displayName}'"), baseDirectory, null);

    /// <summary>
    /// Parses a buffer that nobody else holds: large initializer payloads become slices of it rather than copies.
    /// Uninitialized allocation is safe because only the first <paramref name="length"/> bytes are ever read.
    /// </summary>
    private static Model LoadSharing(byte[] buffer, int length, string what, string? baseDirectory)
    {
        var file = buffer.AsSpan(0, length);
        if (InitializerDataSplitter.TrySplit(file) is { } split)
        {
            var proto = Parse(split.Slim.AsSpan(0, split.SlimLength), what);
            if (proto.Graph.Initializer.Count == split.Payloads.Count)
            {
                var payloads = split.Payloads.Select(r => r is { } range ? buffer.AsMemory(range) : (ReadOnlyMemory<byte>?)null).ToArray();
                return Convert(proto, baseDirectory, payloads);
            }
        }

        return Convert(Parse(file, what), baseDirectory, null);
    }

    private static (byte[] Buffer, int Length) ReadWhole(FileStream stream, string path)
    {
        if (stream.Length > int.MaxValue)
        {
            throw new OnnxFormatException($"'{path}' is larger than protobuf's 2 GB limit, so it cannot be an ONNX model file");
        }

        var buffer = GC.AllocateUninitializedArray<byte>((int)stream.Length);
        int done = 0;
        while (done < buffer.Length)
        {
            int read = RandomAccess.Read(stream.SafeFileHandle, buffer.AsSpan(done), done);
            if (read == 0)
            {
                break;
            }

            done += read;
        }

        return (buffer, done);
    }

    // Pipes, /dev/stdin and process substitutions have no length: read them as a stream.
    private static (byte[] Buffer, int Length) ReadStream(Stream stream)
    {
        var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return (buffer.GetBuffer(), (int)buffer.Length);
    }

    private static ModelProto Parse(ReadOnlySpan<byte> bytes, string what)
    {
        if (bytes.Length == 0)
        {
            throw new OnnxFormatException($"{what} is empty, not an ONNX model");
        }

        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxFormatException($"{what} is not an ONNX model (protobuf: {e.Message.TrimEnd('.')})", e);
        }

        if (proto.Graph is null || !proto.HasIrVersion)
        {
            throw new OnnxFormatException($"{what} is not an ONNX model (no {(proto.Graph is null ? "graph" : "ir_version")})");
        }

        return proto;
    }

    private static Model Convert(ModelProto proto, string? baseDirectory, ReadOnlyMemory<byte>?[]? initializerPayloads)
    {
        try
        {
            return new ProtoToModel(baseDirectory, initializerPayloads).Convert(proto);
        }
        catch (IRException e)
        {
            // The reader checks what it can name precisely; anything else the IR refuses is still a bad file.
            throw new OnnxFormatException($"invalid model: {e.Message}", e);
        }
    }

    /// <summary>Turns the parsed protobuf model into the IR.</summary>
    /// <param name="baseDirectory">The model file's folder, for external data; null when the model came from memory.</param>
    /// <param name="initializerPayloads">For the main graph's initializers, in order: raw data cut out of the parsed bytes (null where it was left in).</param>
    private sealed class ProtoToModel(string? baseDirectory, ReadOnlyMemory<byte>?[]? initializerPayloads)
    {
        public Model Convert(ModelProto proto)
        {
            var model = new Model(ConvertGraph(proto.Graph, null))
            {
                IrVersion = proto.IrVersion,
                ProducerName = proto.HasProducerName ? proto.ProducerName : null,
                ProducerVersion = proto.HasProducerVersion ? proto.ProducerVersion : null,
                Domain = proto.HasDomain ? proto.Domain : null,
                ModelVersion = proto.HasModelVersion ? proto.ModelVersion : null,
                DocString = proto.HasDocString ? proto.DocString : null,
                BaseDirectory = baseDirectory,
                Source = proto.Unknown is null ? null : new ModelProto { Unknown = proto.Unknown },
            };
            model.OpsetImports.AddRange(proto.OpsetImport.Select(o => new OpsetImport(o.Domain, o.Version)));
            model.MetadataProps.AddRange(proto.MetadataProps.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
            model.Functions.AddRange(proto.Functions);
            model.TrainingInfo.AddRange(proto.TrainingInfo);
            model.DeviceConfigurations.AddRange(proto.Configuration);
            return model;
        }

        private OnnxGraph ConvertGraph(GraphProto proto, Node? parent)
        {
            var graph = new OnnxGraph(proto.Name) { DocString = proto.HasDocString ? proto.DocString : null };
            if (parent is not null)
            {
                graph.ParentNode = parent;
            }

            if (proto.Unknown is not null)
            {
                graph.Source = new GraphProto { Unknown = proto.Unknown };
            }

            graph.SparseInitializers.AddRange(proto.SparseInitializer);
            graph.QuantizationAnnotations.AddRange(proto.QuantizationAnnotation);
            graph.MetadataProps.AddRange(proto.MetadataProps.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

            var payloads = parent is null ? initializerPayloads : null;
            for (int i = 0; i < proto.Initializer.Count; i++)
            {
                var init = proto.Initializer[i];
                if (graph.FindValue(init.Name) is not null)
                {
                    throw new OnnxFormatException($"graph '{graph.Name}': initializer '{init.Name}' is defined twice");
                }

                var value = graph.AddInitializer(init.Name, TensorProtoConverter.FromProto(init, baseDirectory, payloads?[i]));
                if (init.Unknown is not null || init.MetadataProps.Count > 0)
                {
                    value.SourceTensor = init;
                }
            }

            foreach (var info in proto.Input)
            {
                var existing = graph.FindValue(info.Name);
                if (existing is { IsInitializer: true })
                {
                    // IR < 4 lists initializers as inputs too; keep that so the file round-trips.
                    graph.AddInput(existing);
                    existing.SourceInfo = info;
                    continue;
                }

                if (existing is not null)
                {
                    throw new OnnxFormatException($"graph '{graph.Name}': input '{info.Name}' is defined twice");
                }

                var value = graph.AddInput(info.Name, DataType.Undefined, null);
                ApplyInfo(value, info);
            }

            // Outputs of every node first, so inputs can be connected whatever the file's node order is
            // (the verifier, not the reader, reports order and cycles).
            var pending = new List<(Node Node, NodeProto Proto)>(proto.Node.Count);
            foreach (var nodeProto in proto.Node)
            {
                var node = graph.AppendUnconnected(new Node(nodeProto.Domain, nodeProto.OpType, nodeProto.Name)
                {
                    Overload = nodeProto.HasOverload ? nodeProto.Overload : null,
                    DocString = nodeProto.HasDocString ? nodeProto.DocString : null,
                    Source = nodeProto.Unknown is null && nodeProto.MetadataProps.Count == 0 && nodeProto.DeviceConfigurations.Count == 0 ? null : nodeProto,
                });
                foreach (var outputName in nodeProto.Output)
                {
                    if (outputName.Length > 0 && graph.FindValue(outputName) is not null)
                    {
                        throw new OnnxFormatException($"node '{nodeProto.Name}' ({nodeProto.OpType}): value '{outputName}' has more than one producer");
                    }

                    node.AttachOutput(outputName.Length == 0 ? new Value(string.Empty) { Graph = graph } : graph.Register(new Value(outputName)));
                }

                pending.Add((node, nodeProto));
            }

            foreach (var info in proto.ValueInfo)
            {
                if (graph.FindValue(info.Name) is { } value)
                {
                    ApplyInfo(value, info);
                }
            }

            foreach (var (node, nodeProto) in pending)
            {
                foreach (var attribute in nodeProto.Attribute)
                {
                    node.SetAttribute(ConvertAttribute(attribute, node));
                }

                foreach (var inputName in nodeProto.Input)
                {
                    if (inputName.Length == 0)
                    {
                        node.AddInput(null);
                        continue;
                    }

                    var value = graph.Resolve(inputName)
                        ?? throw new OnnxFormatException($"node '{node.Name}' ({node.OpType}) uses '{inputName}', which is not a graph input, an initializer or the output of any node");
                    node.AddInput(value);
                }
            }

            foreach (var info in proto.Output)
            {
                var value = graph.Resolve(info.Name)
                    ?? throw new OnnxFormatException($"graph '{graph.Name}': output '{info.Name}' is not produced by any node, input or initializer");
                ApplyInfo(value, info);
                graph.AddOutput(value);
            }

            return graph;
        }

        private NodeAttribute ConvertAttribute(AttributeProto proto, Node owner)
        {
            var kind = proto.HasType ? (AttributeKind)(int)proto.Type : InferKind(proto);
            object? value = kind switch
            {
                AttributeKind.Float => proto.F,
                AttributeKind.Int => proto.I,
                AttributeKind.String => proto.S.ToByteArray(),
                AttributeKind.Tensor => TensorProtoConverter.FromProto(proto.T ?? new TensorProto(), baseDirectory),
                AttributeKind.Graph => ConvertGraph(proto.G ?? new GraphProto(), owner),
                AttributeKind.Floats => proto.Floats.ToArray(),
                AttributeKind.Ints => proto.Ints.ToArray(),
                AttributeKind.Strings => proto.Strings.Select(s => s.ToByteArray()).ToArray(),
                AttributeKind.Tensors => proto.Tensors.Select(t => TensorProtoConverter.FromProto(t, baseDirectory)).ToArray(),
                AttributeKind.Graphs => proto.Graphs.Select(g => ConvertGraph(g, owner)).ToArray(),
                AttributeKind.SparseTensor => proto.SparseTensor,
                AttributeKind.SparseTensors => proto.SparseTensors.ToArray(),
                AttributeKind.TypeProto => proto.Tp,
                AttributeKind.TypeProtos => proto.TypeProtos.ToArray(),
                _ => null,
            };
            return NodeAttribute.Opaque(proto.Name, kind, value) is var a
                ? a.WithMetadata(proto.HasRefAttrName ? proto.RefAttrName : null, proto.HasDocString ? proto.DocString : null, proto.Unknown is null ? null : proto)
                : a;
        }

        // Files written before IR version 3 may leave the type field out: infer it from the field that is set.
        private static AttributeKind InferKind(AttributeProto p) =>
            p.HasF ? AttributeKind.Float : p.HasI ? AttributeKind.Int : p.HasS ? AttributeKind.String
            : p.T is not null ? AttributeKind.Tensor : p.G is not null ? AttributeKind.Graph
            : p.Floats.Count > 0 ? AttributeKind.Floats : p.Ints.Count > 0 ? AttributeKind.Ints
            : p.Strings.Count > 0 ? AttributeKind.Strings : p.Tensors.Count > 0 ? AttributeKind.Tensors
            : p.Graphs.Count > 0 ? AttributeKind.Graphs : AttributeKind.Undefined;

        private static void ApplyInfo(Value value, ValueInfoProto info)
        {
            value.SourceInfo ??= info;
            if (info.HasDocString)
            {
                value.DocString ??= info.DocString;
            }

            var type = info.Type;
            if (type is null)
            {
                return;
            }

            if (type.ValueCase != TypeProto.ValueOneofCase.TensorType)
            {
                value.NonTensorType ??= type;
                return;
            }

            if (value.ElementType == DataType.Undefined && type.TensorType.HasElemType)
            {
                value.ElementType = (DataType)type.TensorType.ElemType;
            }

            if (value.Shape is null && type.TensorType.Shape is { } shape)
            {
                value.Shape = ShapeFromProto(shape);
            }
        }
    }

    internal static Shape ShapeFromProto(TensorShapeProto shape)
    {
        var dims = new Dim[shape.Dim.Count];
        for (int i = 0; i < dims.Length; i++)
        {
            dims[i] = DimFromProto(shape.Dim[i]);
        }

        return new Shape(dims);
    }

    /// <summary>Whether <paramref name="shape"/> says what <paramref name="proto"/> says (both absent counts), without building a Shape.</summary>
    internal static bool ShapeMatches(TensorShapeProto? proto, Shape? shape)
    {
        if (proto is null || shape is null)
        {
            return proto is null && shape is null;
        }

        if (proto.Dim.Count != shape.Rank)
        {
            return false;
        }

        for (int i = 0; i < shape.Rank; i++)
        {
            if (DimFromProto(proto.Dim[i]) != shape[i])
            {
                return false;
            }
        }

        return true;
    }

    private static Dim DimFromProto(TensorShapeProto.Types.Dimension d) => d.ValueCase switch
    {
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue => Dim.Of(d.DimValue),
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam => Dim.Symbol(d.DimParam),
        _ => Dim.Unknown,
    };
}
