using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Cleanup;

using Graph = OnnxOpt.Graph.IR.OnnxGraph;

/// <summary>
/// Deep equality and hashing of attribute values for common subexpression elimination. Floats compare by their
/// bits (so -0 and 0, or two NaN payloads, are different), tensors by type, dims and bytes, graphs by identity
/// (nodes with subgraphs are never merged anyway), and kept protobuf messages by value.
/// </summary>
internal static class AttributeEquality
{
    public static bool Equal(NodeAttribute a, NodeAttribute b) =>
        a.Name == b.Name && a.Kind == b.Kind && a.RefAttrName == b.RefAttrName && ValuesEqual(a.RawValue, b.RawValue);

    public static int Hash(NodeAttribute attribute)
    {
        var hash = new HashCode();
        hash.Add(attribute.Name);
        hash.Add(attribute.Kind);
        switch (attribute.RawValue)
        {
            case float f:
                hash.Add(BitConverter.SingleToInt32Bits(f));
                break;
            case long i:
                hash.Add(i);
                break;
            case byte[] s:
                hash.AddBytes(s);
                break;
            case float[] fs:
                foreach (float f in fs)
                {
                    hash.Add(BitConverter.SingleToInt32Bits(f));
                }

                break;
            case long[] ints:
                foreach (long i in ints)
                {
                    hash.Add(i);
                }

                break;
            case byte[][] ss:
                foreach (var s in ss)
                {
                    hash.AddBytes(s);
                }

                break;
            case Tensor t:
                hash.Add(TensorHash.Of(t));
                break;
            case Tensor[] ts:
                foreach (var t in ts)
                {
                    hash.Add(TensorHash.Of(t));
                }

                break;
            case OnnxGraph g:
                hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(g));
                break;
            case null:
                break;
            default:
                hash.Add(attribute.RawValue);
                break;
        }

        return hash.ToHashCode();
    }

    private static bool ValuesEqual(object? a, object? b) => (a, b) switch
    {
        (float x, float y) => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y),
        (long x, long y) => x == y,
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (float[] x, float[] y) => x.Length == y.Length && x.Zip(y).All(p => BitConverter.SingleToInt32Bits(p.First) == BitConverter.SingleToInt32Bits(p.Second)),
        (long[] x, long[] y) => x.AsSpan().SequenceEqual(y),
        (byte[][] x, byte[][] y) => x.Length == y.Length && x.Zip(y).All(p => p.First.AsSpan().SequenceEqual(p.Second)),
        (Tensor x, Tensor y) => ReferenceEquals(x, y) || x.ContentEquals(y),
        (Tensor[] x, Tensor[] y) => x.Length == y.Length && x.Zip(y).All(p => ReferenceEquals(p.First, p.Second) || p.First.ContentEquals(p.Second)),
        (OnnxGraph x, OnnxGraph y) => ReferenceEquals(x, y),
        (null, null) => true,
        _ => a is not null && a.GetType() == b?.GetType() && !(a is OnnxGraph[]) && a.Equals(b),
    };
}
