using Google.Protobuf;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Protos;

namespace OnnxOpt.Graph.Serialization;

/// <summary>Reads and writes a single serialized <c>TensorProto</c> (the <c>.pb</c> files of the ONNX backend tests).</summary>
public static class TensorSerialization
{
    /// <summary>Parses a serialized TensorProto; bad bytes are an <see cref="OnnxFormatException"/>.</summary>
    public static Tensor FromBytes(byte[] bytes, string? baseDirectory = null)
    {
        try
        {
            return TensorProtoConverter.FromProto(TensorProto.Parser.ParseFrom(bytes), baseDirectory);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxFormatException($"not a serialized tensor (protobuf: {e.Message.TrimEnd('.')})", e);
        }
    }

    /// <summary>The tensor as a serialized TensorProto named <paramref name="name"/>.</summary>
    public static byte[] ToBytes(Tensor tensor, string name = "") => TensorProtoConverter.ToProto(tensor, name).ToByteArray();
}
