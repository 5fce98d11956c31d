using OnnxOpt.Graph.Protos;

namespace OnnxOpt.Graph.IR;

/// <summary>What kind of non-tensor value a <see cref="NonTensorType"/> describes.</summary>
public enum NonTensorKind
{
    Sequence,
    Map,
    Optional,
    SparseTensor,
    Opaque,
}

/// <summary>
/// The type of a value that is not a plain tensor (sequence, map, optional, sparse tensor, opaque), kept exactly as
/// read so the writer puts the same bytes back. Passes only need its <see cref="Kind"/>; the protobuf message stays
/// inside the Graph layer.
/// </summary>
public sealed class NonTensorType : IEquatable<NonTensorType>
{
    internal NonTensorType(TypeProto proto)
    {
        Proto = proto;
        Kind = proto.ValueCase switch
        {
            TypeProto.ValueOneofCase.SequenceType => NonTensorKind.Sequence,
            TypeProto.ValueOneofCase.MapType => NonTensorKind.Map,
            TypeProto.ValueOneofCase.OptionalType => NonTensorKind.Optional,
            TypeProto.ValueOneofCase.SparseTensorType => NonTensorKind.SparseTensor,
            _ => NonTensorKind.Opaque,
        };
    }

    public NonTensorKind Kind { get; }

    internal TypeProto Proto { get; }

    public bool Equals(NonTensorType? other) => other is not null && Proto.Equals(other.Proto);

    public override bool Equals(object? obj) => Equals(obj as NonTensorType);

    public override int GetHashCode() => Proto.GetHashCode();

    public override string ToString() => Kind.ToString();
}
