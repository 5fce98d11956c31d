using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Protos;

namespace OnnxOpt.Graph.Serialization;

/// <summary>Collects the tensors the writer moves to an external data file, assigns their offsets, and streams them out.</summary>
internal sealed class ExternalDataSink(string location, long threshold)
{
    // Offsets are aligned so that a reader can memory-map tensors with natural alignment.
    private const int Alignment = 64;
    private readonly List<(Tensor Tensor, long Offset)> _blocks = [];
    private long _size;

    public bool Wants(Tensor tensor) => tensor.Strings is null && tensor.ByteLength >= threshold && tensor.ByteLength > 0;

    public TensorProto Redirect(Tensor tensor, string name)
    {
        long offset = (_size + Alignment - 1) / Alignment * Alignment;
        _blocks.Add((tensor, offset));
        _size = offset + tensor.ByteLength;
        var proto = new TensorProto { Name = name, DataType = (int)tensor.DataType, DataLocation = TensorProto.Types.DataLocation.External };
        proto.Dims.AddRange(tensor.Dims);
        if (tensor.DocString is not null) proto.DocString = tensor.DocString;
        proto.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        proto.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        proto.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = tensor.ByteLength.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return proto;
    }

    public void WriteAll(Stream stream)
    {
        long position = 0;
        Span<byte> padding = stackalloc byte[Alignment];
        foreach (var (tensor, offset) in _blocks)
        {
            stream.Write(padding[..(int)(offset - position)]);
            if (tensor.External is { } external && !tensor.IsLoaded)
            {
                ExternalDataReader.CopyTo(external, stream);
            }
            else
            {
                stream.Write(tensor.Bytes.Span);
            }

            position = offset + tensor.ByteLength;
        }
    }
}
