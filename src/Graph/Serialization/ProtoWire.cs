namespace OnnxOpt.Graph.Serialization;

/// <summary>
/// Just enough of the protobuf wire format to find fields inside serialized messages without parsing them:
/// used to move large tensor payloads around protobuf's copies (<see cref="InitializerDataSplitter"/>,
/// <see cref="InitializerDataSplicer"/>). Every read is bounds-checked and reports failure instead of throwing.
/// </summary>
internal static class ProtoWire
{
    public const int LengthDelimited = 2;

    public const int ModelGraphField = 7;
    public const int GraphInitializerField = 5;
    public const int TensorRawDataField = 9;

    /// <summary>Reads one field's tag and skips its value; for length-delimited fields the payload's range is returned.</summary>
    public static bool TryReadField(ReadOnlySpan<byte> message, ref int position, out int field, out int wireType, out Range payload)
    {
        payload = default;
        field = 0;
        wireType = 0;
        if (!TryReadVarint(message, ref position, out ulong tag) || tag > uint.MaxValue)
        {
            return false;
        }

        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        if (field == 0)
        {
            return false;
        }

        switch (wireType)
        {
            case 0:
                return TryReadVarint(message, ref position, out _);
            case 1:
                return Skip(message, ref position, 8);
            case 5:
                return Skip(message, ref position, 4);
            case LengthDelimited:
                if (!TryReadVarint(message, ref position, out ulong length) || length > (ulong)(message.Length - position))
                {
                    return false;
                }

                payload = position..(position + (int)length);
                position += (int)length;
                return true;
            default:
                // Groups (3, 4) are deprecated and never written for ONNX; 6 and 7 are invalid.
                return false;
        }
    }

    /// <summary>
    /// The single length-delimited occurrence of <paramref name="wantedField"/>: where the whole field starts
    /// (its tag) and its payload. False when it is missing, repeated (protobuf would merge or replace) or the
    /// message is malformed.
    /// </summary>
    public static bool TryFindSingleField(ReadOnlySpan<byte> message, int wantedField, out int fieldStart, out Range payload)
    {
        fieldStart = 0;
        payload = default;
        bool found = false;
        int position = 0;
        while (position < message.Length)
        {
            int start = position;
            if (!TryReadField(message, ref position, out int field, out int wireType, out var range))
            {
                return false;
            }

            if (field == wantedField)
            {
                if (found || wireType != LengthDelimited)
                {
                    return false;
                }

                found = true;
                fieldStart = start;
                payload = range;
            }
        }

        return found;
    }

    public static bool TryReadVarint(ReadOnlySpan<byte> message, ref int position, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (position >= message.Length)
            {
                return false;
            }

            byte b = message[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    public static int VarintSize(ulong value)
    {
        int size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    /// <summary>Size of a length-delimited field with this payload length, tag included.</summary>
    public static int FieldSize(int field, int payloadLength) =>
        VarintSize(Tag(field)) + VarintSize((ulong)payloadLength) + payloadLength;

    public static ulong Tag(int field) => ((ulong)field << 3) | LengthDelimited;

    /// <summary>Writes a varint into <paramref name="destination"/> and returns how many bytes it took.</summary>
    public static int WriteVarint(Span<byte> destination, ulong value)
    {
        int i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>Writes the tag and length of a length-delimited field.</summary>
    public static void WriteFieldHeader(Stream stream, int field, int payloadLength)
    {
        Span<byte> header = stackalloc byte[20];
        int n = WriteVarint(header, Tag(field));
        n += WriteVarint(header[n..], (ulong)payloadLength);
        stream.Write(header[..n]);
    }

    private static bool Skip(ReadOnlySpan<byte> message, ref int position, int count)
    {
        if (message.Length - position < count)
        {
            return false;
        }

        position += count;
        return true;
    }
}
