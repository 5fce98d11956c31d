using OnnxOpt.Graph.IR;
using static OnnxOpt.Graph.Serialization.ProtoWire;

namespace OnnxOpt.Graph.Serialization;

/// <summary>
/// Lets a model be read without copying its weights. Google.Protobuf copies every <c>raw_data</c> field out of
/// the input into a new array; for an exported vision model that is the whole file again, in large-object-heap
/// arrays that the GC has to zero and later collect. This walks the wire format of the main graph's
/// initializers, cuts their large <c>raw_data</c> payloads out of a small copy of the file (which protobuf then
/// parses quickly), and returns where each payload lies in the file buffer so the tensors can share it.
/// </summary>
/// <remarks>
/// Only the layout every writer produces is handled: one <c>graph</c> field, at most one <c>raw_data</c> per
/// initializer, no deprecated groups. Anything else (including malformed bytes) returns null and the caller
/// parses the whole file normally, which also gives the usual error messages. Subgraph initializers and
/// Constant-node tensors are still copied; they are rarely large.
/// </remarks>
internal static class InitializerDataSplitter
{
    /// <summary>Payloads shorter than this are left in place: copying them is cheap, and a small constant that
    /// outlives the weights should not keep the whole file buffer alive.</summary>
    public const int MinimumSharedBytes = 1024;

    /// <summary>The file without the shared payloads, and for each main-graph initializer (in file order) its payload's range in the file, or null where it stayed inline.</summary>
    public sealed record Split(byte[] Slim, int SlimLength, IReadOnlyList<Range?> Payloads);

    public static Split? TrySplit(ReadOnlySpan<byte> file)
    {
        if (!TryFindSingleField(file, ModelGraphField, out int graphFieldStart, out var graphRange))
        {
            return null;
        }

        var graph = file[graphRange];
        var payloads = new List<Range?>();
        var slimGraph = new ByteWriter(Math.Min(graph.Length, 1 << 16));
        int position = 0;
        bool removedAny = false;
        while (position < graph.Length)
        {
            int fieldStart = position;
            if (!TryReadField(graph, ref position, out int field, out int wireType, out var payload))
            {
                return null;
            }

            if (field != GraphInitializerField || wireType != LengthDelimited)
            {
                slimGraph.Write(graph[fieldStart..position]);
                continue;
            }

            var tensor = graph[payload];
            var raw = FindSharedPayload(tensor);
            if (raw is null)
            {
                payloads.Add(null);
                slimGraph.Write(graph[fieldStart..position]);
                continue;
            }

            // The tensor without its raw_data field: the bytes before the field and after it.
            var (rawFieldStart, rawFieldEnd, rawPayload) = raw.Value;
            int slimTensorLength = tensor.Length - (rawFieldEnd - rawFieldStart);
            slimGraph.WriteTag(GraphInitializerField, LengthDelimited);
            slimGraph.WriteVarint((ulong)slimTensorLength);
            slimGraph.Write(tensor[..rawFieldStart]);
            slimGraph.Write(tensor[rawFieldEnd..]);
            int absoluteStart = graphRange.Start.Value + payload.Start.Value + rawPayload.Start.Value;
            payloads.Add(absoluteStart..(absoluteStart + (rawPayload.End.Value - rawPayload.Start.Value)));
            removedAny = true;
        }

        if (!removedAny)
        {
            return null;
        }

        // The model: every field as it was, except the graph field, which now holds the slim graph.
        var slim = new ByteWriter(file.Length - graph.Length + slimGraph.Length + 16);
        slim.Write(file[..graphFieldStart]);
        slim.WriteTag(ModelGraphField, LengthDelimited);
        slim.WriteVarint((ulong)slimGraph.Length);
        slim.Write(slimGraph.Written);
        slim.Write(file[graphRange.End.Value..]);
        return new Split(slim.Buffer, slim.Length, payloads);
    }

    /// <summary>The tensor's single raw_data field when it is large enough to share: where the field starts and ends, and its payload, relative to the tensor.</summary>
    private static (int FieldStart, int FieldEnd, Range Payload)? FindSharedPayload(ReadOnlySpan<byte> tensor)
    {
        (int, int, Range)? found = null;
        int position = 0;
        while (position < tensor.Length)
        {
            int fieldStart = position;
            if (!TryReadField(tensor, ref position, out int field, out int wireType, out var payload))
            {
                return null;
            }

            if (field == TensorRawDataField)
            {
                if (found is not null || wireType != LengthDelimited)
                {
                    // A repeated raw_data means "last one wins" to protobuf; leave such a tensor to protobuf.
                    return null;
                }

                found = (fieldStart, position, payload);
            }
        }

        return found is { } f && f.Item3.End.Value - f.Item3.Start.Value >= MinimumSharedBytes ? found : null;
    }

    /// <summary>A growing byte buffer with protobuf tag and varint writing.</summary>
    private sealed class ByteWriter(int capacity)
    {
        public byte[] Buffer { get; private set; } = new byte[Math.Max(16, capacity)];

        public int Length { get; private set; }

        public ReadOnlySpan<byte> Written => Buffer.AsSpan(0, Length);

        public void Write(ReadOnlySpan<byte> bytes)
        {
            Reserve(bytes.Length);
            bytes.CopyTo(Buffer.AsSpan(Length));
            Length += bytes.Length;
        }

        public void WriteTag(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

        public void WriteVarint(ulong value)
        {
            Reserve(10);
            Length += ProtoWire.WriteVarint(Buffer.AsSpan(Length), value);
        }

        private void Reserve(int more)
        {
            if (Length + more > Buffer.Length)
            {
                var larger = new byte[Math.Max(Buffer.Length * 2, Length + more)];
                Buffer.AsSpan(0, Length).CopyTo(larger);
                Buffer = larger;
            }
        }
    }
}
