#nullable enable
using Google.Protobuf;

namespace OnnxOpt.Graph.Protos;

// Google.Protobuf keeps fields it does not know (from newer ONNX versions) in a private set per message.
// These partial declarations expose that set inside this assembly so the writer can carry it over.
#pragma warning disable SA1402, SA1649, IDE0130
internal sealed partial class ModelProto
{
    internal UnknownFieldSet? Unknown { get => _unknownFields; set => _unknownFields = value; }
}

internal sealed partial class GraphProto
{
    internal UnknownFieldSet? Unknown { get => _unknownFields; set => _unknownFields = value; }
}

internal sealed partial class NodeProto
{
    internal UnknownFieldSet? Unknown { get => _unknownFields; set => _unknownFields = value; }
}

internal sealed partial class AttributeProto
{
    internal UnknownFieldSet? Unknown { get => _unknownFields; set => _unknownFields = value; }
}

internal sealed partial class TensorProto
{
    internal UnknownFieldSet? Unknown { get => _unknownFields; set => _unknownFields = value; }
}

internal sealed partial class ValueInfoProto
{
    internal UnknownFieldSet? Unknown { get => _unknownFields; set => _unknownFields = value; }
}
#pragma warning restore SA1402, SA1649, IDE0130
