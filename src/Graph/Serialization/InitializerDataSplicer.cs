using Google.Protobuf;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Protos;
using static OnnxOpt.Graph.Serialization.ProtoWire;

namespace OnnxOpt.Graph.Serialization;

/// <summary>
/// Writes a <see cref="ModelProto"/> to a stream with the same bytes as <c>proto.WriteTo(stream)</c>, but the
/// large <c>raw_data</c> payloads of the main graph's initializers go from the tensors' memory straight to the
/// stream. Protobuf would copy each of them through its 4 KB output buffer and then through the stream's
/// buffer: for an exported vision model, the whole file twice, in thousands of small writes.
/// </summary>
/// <remarks>
/// The message is serialized by protobuf without those payloads (a small buffer), then the payloads are put
/// back where protobuf would have written them: inside each tensor, after the fields numbered below
/// raw_data's 9 and before the rest, since protobuf writes fields in number order. Enclosing lengths grow
/// accordingly.
/// </remarks>
internal static class InitializerDataSplicer
{
    public static void Write(ModelProto proto, Stream stream)
    {
        var initializers = proto.Graph?.Initializer;
        if (initializers is null)
        {
            proto.WriteTo(stream);
            return;
        }

        var payloads = new ByteString?[initializers.Count];
        bool detached = false;
        for (int i = 0; i < initializers.Count; i++)
        {
            if (initializers[i].HasRawData && initializers[i].RawData.Length >= InitializerDataSplitter.MinimumSharedBytes)
            {
                payloads[i] = initializers[i].RawData;
                initializers[i].ClearRawData();
                detached = true;
            }
        }

        if (!detached)
        {
            proto.WriteTo(stream);
            return;
        }

        byte[] slim;
        try
        {
            slim = proto.ToByteArray();
        }
        finally
        {
            for (int i = 0; i < payloads.Length; i++)
            {
                if (payloads[i] is { } payload)
                {
                    initializers[i].RawData = payload;
                }
            }
        }

        WriteSpliced(slim, payloads, stream);
    }

    private static void WriteSpliced(byte[] slim, ByteString?[] payloads, Stream stream)
    {
        // Protobuf wrote this buffer itself, so it is well-formed and has exactly one graph field.
        if (!TryFindSingleField(slim, ModelGraphField, out int graphFieldStart, out var graphRange))
        {
            throw new InvalidOperationException("serialized model has no single graph field");
        }

        var graph = slim.AsSpan(graphRange);
        long graphLength = graph.Length;
        ForEachInitializer(graph, payloads, (_, tensor, payload) =>
            graphLength += FieldSize(GraphInitializerField, tensor.Length + FieldSize(TensorRawDataField, payload.Length)) - FieldSize(GraphInitializerField, tensor.Length));
        if (graphLength > int.MaxValue)
        {
            throw new OnnxFormatException("the model is larger than protobuf's 2 GB limit; save it with external data (--external-data)");
        }

        stream.Write(slim.AsSpan(0, graphFieldStart));
        WriteFieldHeader(stream, ModelGraphField, (int)graphLength);
        int copied = 0;
        ForEachInitializer(slim.AsSpan(graphRange), payloads, (fieldStart, tensor, payload) =>
        {
            stream.Write(slim.AsSpan(graphRange.Start.Value + copied, fieldStart - copied));
            int split = RawDataPosition(tensor);
            WriteFieldHeader(stream, GraphInitializerField, tensor.Length + FieldSize(TensorRawDataField, payload.Length));
            stream.Write(tensor[..split]);
            WriteFieldHeader(stream, TensorRawDataField, payload.Length);
            stream.Write(payload.Span);
            stream.Write(tensor[split..]);
            copied = fieldStart + FieldSize(GraphInitializerField, tensor.Length);
        });
        stream.Write(slim.AsSpan(graphRange.Start.Value + copied, graph.Length - copied));
        stream.Write(slim.AsSpan(graphRange.End.Value));
    }

    private delegate void InitializerVisitor(int fieldStart, ReadOnlySpan<byte> tensor, ByteString payload);

    /// <summary>Calls <paramref name="visit"/> for every initializer field that had its payload detached, with the field's start in the graph.</summary>
    private static void ForEachInitializer(ReadOnlySpan<byte> graph, ByteString?[] payloads, InitializerVisitor visit)
    {
        int index = 0;
        int position = 0;
        while (position < graph.Length)
        {
            int fieldStart = position;
            TryReadField(graph, ref position, out int field, out int wireType, out var payload);
            if (field == GraphInitializerField && wireType == LengthDelimited)
            {
                if (payloads[index++] is { } detached)
                {
                    visit(fieldStart, graph[payload], detached);
                }
            }
        }
    }

    /// <summary>Where raw_data goes in a tensor serialized without it: before the first field numbered above 9.</summary>
    private static int RawDataPosition(ReadOnlySpan<byte> tensor)
    {
        int position = 0;
        while (position < tensor.Length)
        {
            int fieldStart = position;
            TryReadField(tensor, ref position, out int field, out _, out _);
            if (field > TensorRawDataField)
            {
                return fieldStart;
            }
        }

        return tensor.Length;
    }
}
