using System.Runtime.InteropServices;
using Google.Protobuf;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Protos;

namespace OnnxOpt.Graph.Serialization;

/// <summary>Converts between <see cref="TensorProto"/> and <see cref="Tensor"/>. Typed fields (float_data, int32_data, ...) become raw little-endian bytes.</summary>
internal static class TensorProtoConverter
{
    /// <summary>Builds the IR tensor for <paramref name="proto"/>, resolving external data against <paramref name="baseDirectory"/>.</summary>
    /// <param name="proto">The parsed tensor.</param>
    /// <param name="baseDirectory">The model file's folder, for external data; null when the model came from memory.</param>
    /// <param name="rawData">The tensor's raw_data when the reader cut it out of the parsed bytes (it then shares the file buffer).</param>
    public static Tensor FromProto(TensorProto proto, string? baseDirectory, ReadOnlyMemory<byte>? rawData = null)
    {
        string name = proto.Name;
        if (!DataTypes.IsKnown(proto.DataType))
        {
            throw new OnnxFormatException($"tensor '{name}' has unknown data type {proto.DataType}");
        }

        var type = (DataType)proto.DataType;
        var dims = proto.Dims.ToArray();
        if (proto.Segment is not null)
        {
            throw new OnnxFormatException($"tensor '{name}' is segmented; segmented tensors are not supported");
        }

        long count;
        try
        {
            count = Tensor.CountElements(dims);
            type.ByteCount(count);
        }
        catch (OnnxFormatException e)
        {
            throw new OnnxFormatException($"tensor '{name}': {e.Message}", e);
        }

        var tensor = proto.DataLocation == TensorProto.Types.DataLocation.External
            ? FromExternal(proto, type, dims, count, baseDirectory)
            : FromInline(proto, type, dims, count, rawData);
        return proto.HasDocString ? tensor.WithDocString(proto.DocString) : tensor;
    }

    private static Tensor FromExternal(TensorProto proto, DataType type, long[] dims, long count, string? baseDirectory)
    {
        string? location = null;
        long offset = 0;
        long? length = null;
        foreach (var entry in proto.ExternalData)
        {
            switch (entry.Key)
            {
                case "location": location = entry.Value; break;
                case "offset": offset = ParseLong(proto.Name, entry); break;
                case "length": length = ParseLong(proto.Name, entry); break;
            }
        }

        if (location is null)
        {
            throw new OnnxFormatException($"tensor '{proto.Name}' is marked external but has no location");
        }

        if (type == DataType.String)
        {
            throw new OnnxFormatException($"string tensor '{proto.Name}' cannot be stored externally");
        }

        var resolved = ExternalDataReader.Resolve(baseDirectory, proto.Name, location, offset, length, type.ByteCount(count));
        return Tensor.FromExternal(type, dims, resolved);
    }

    private static long ParseLong(string tensor, StringStringEntryProto entry) =>
        long.TryParse(entry.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long v)
            ? v
            : throw new OnnxFormatException($"tensor '{tensor}': external data {entry.Key} '{entry.Value}' is not a number");

    private static Tensor FromInline(TensorProto proto, DataType type, long[] dims, long count, ReadOnlyMemory<byte>? rawData)
    {
        if (type == DataType.String)
        {
            if (proto.StringData.Count != count)
            {
                throw new OnnxFormatException($"string tensor '{proto.Name}' of shape [{string.Join(",", dims)}] has {proto.StringData.Count} values");
            }

            return Tensor.FromStrings(dims, proto.StringData.Select(s => s.ToByteArray()));
        }

        long bytes = type.ByteCount(count);
        if (rawData is { } shared)
        {
            // raw_data wins over the typed fields, as when protobuf parsed it in place.
            CheckLength(proto, shared.Length, bytes);
            return Tensor.FromBytes(type, dims, shared);
        }

        if (proto.HasRawData)
        {
            // The ByteString already owns a private copy of the bytes, so the tensor can share it.
            CheckLength(proto, proto.RawData.Length, bytes);
            return Tensor.FromBytes(type, dims, proto.RawData.Memory);
        }

        byte[] data = type switch
        {
            DataType.Float or DataType.Complex64 => Check(proto, MemoryMarshal.AsBytes(proto.FloatData.ToArray().AsSpan()).ToArray(), bytes),
            DataType.Double or DataType.Complex128 => Check(proto, MemoryMarshal.AsBytes(proto.DoubleData.ToArray().AsSpan()).ToArray(), bytes),
            DataType.Int64 => Check(proto, MemoryMarshal.AsBytes(proto.Int64Data.ToArray().AsSpan()).ToArray(), bytes),
            DataType.UInt64 or DataType.UInt32 => Narrow(proto, proto.Uint64Data.ToArray(), type.BitSize() / 8, bytes),
            DataType.Int32 => Check(proto, MemoryMarshal.AsBytes(proto.Int32Data.ToArray().AsSpan()).ToArray(), bytes),
            DataType.UInt4 or DataType.Int4 or DataType.Float4E2M1 or DataType.UInt2 or DataType.Int2 =>
                Narrow(proto, proto.Int32Data.Select(i => (ulong)(uint)i).ToArray(), 1, bytes),
            _ => Narrow(proto, proto.Int32Data.Select(i => (ulong)(uint)i).ToArray(), type.BitSize() / 8, bytes),
        };
        return Tensor.FromBytes(type, dims, data);
    }

    // int32_data and uint64_data hold one element (or one packed byte) per entry; keep the low bytes of each.
    private static byte[] Narrow(TensorProto proto, ulong[] values, int width, long expected)
    {
        var result = new byte[values.Length * width];
        for (int i = 0; i < values.Length; i++)
        {
            ulong v = values[i];
            for (int b = 0; b < width; b++)
            {
                result[(i * width) + b] = (byte)(v >> (8 * b));
            }
        }

        return Check(proto, result, expected);
    }

    private static byte[] Check(TensorProto proto, byte[] data, long expected)
    {
        CheckLength(proto, data.Length, expected);
        return data;
    }

    private static void CheckLength(TensorProto proto, long length, long expected)
    {
        if (length != expected)
        {
            throw new OnnxFormatException($"tensor '{proto.Name}' has {length} bytes of data but its type {((DataType)proto.DataType).OnnxName()} and shape [{string.Join(",", proto.Dims)}] need {expected}");
        }
    }

    /// <summary>Builds a TensorProto; data goes to raw_data without copying (strings to string_data).</summary>
    public static TensorProto ToProto(Tensor tensor, string name)
    {
        var proto = new TensorProto { DataType = (int)tensor.DataType };
        if (name.Length > 0)
        {
            proto.Name = name;
        }

        proto.Dims.AddRange(tensor.Dims);
        if (tensor.DocString is not null)
        {
            proto.DocString = tensor.DocString;
        }

        if (tensor.Strings is not null)
        {
            proto.StringData.AddRange(tensor.Strings.Select(ByteString.CopyFrom));
        }
        else
        {
            proto.RawData = UnsafeByteOperations.UnsafeWrap(tensor.Bytes);
        }

        return proto;
    }
}
