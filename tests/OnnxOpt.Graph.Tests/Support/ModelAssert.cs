using OnnxOpt.Graph.IR;
using Xunit;

namespace OnnxOpt.Graph.Tests.Support;

/// <summary>
/// Structural equality of two models, field by field: header, opsets, metadata, and every graph (values with
/// types and shapes, tensors byte for byte, nodes, attributes of every kind, subgraphs, use counts).
/// Floats are compared by bit pattern so NaN payloads and -0 count.
/// </summary>
internal static class ModelAssert
{
    public static void Equal(Model expected, Model actual)
    {
        Assert.Equal(expected.IrVersion, actual.IrVersion);
        Assert.Equal(expected.ProducerName, actual.ProducerName);
        Assert.Equal(expected.ProducerVersion, actual.ProducerVersion);
        Assert.Equal(expected.Domain, actual.Domain);
        Assert.Equal(expected.ModelVersion, actual.ModelVersion);
        Assert.Equal(expected.DocString, actual.DocString);
        Assert.Equal(expected.OpsetImports, actual.OpsetImports);
        Assert.Equal(expected.MetadataProps, actual.MetadataProps);
        Assert.Equal(expected.Functions, actual.Functions);
        GraphEqual(expected.Graph, actual.Graph);
    }

    public static void GraphEqual(OnnxGraph expected, OnnxGraph actual)
    {
        string where = $"graph '{expected.Name}'";
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.DocString, actual.DocString);
        Assert.Equal(expected.MetadataProps, actual.MetadataProps);
        ValuesEqual(expected.Inputs, actual.Inputs, where + " inputs");
        ValuesEqual(expected.Outputs, actual.Outputs, where + " outputs");
        ValuesEqual(expected.Initializers, actual.Initializers, where + " initializers");
        for (int i = 0; i < expected.Initializers.Count; i++)
        {
            TensorEqual(expected.Initializers[i].ConstValue!, actual.Initializers[i].ConstValue!, $"initializer '{expected.Initializers[i].Name}'");
        }

        Assert.Equal(expected.Nodes.Count, actual.Nodes.Count);
        for (int i = 0; i < expected.Nodes.Count; i++)
        {
            NodeEqual(expected.Nodes[i], actual.Nodes[i]);
        }
    }

    public static void TensorEqual(Tensor expected, Tensor actual, string what)
    {
        Assert.True(expected.ContentEquals(actual), $"{what}: {expected} and {actual} differ in type, dims or bytes");
        Assert.Equal(expected.DocString, actual.DocString);
    }

    private static void NodeEqual(Node expected, Node actual)
    {
        string where = $"node '{expected.Name}'";
        Assert.Equal(expected.OpType, actual.OpType);
        Assert.Equal(expected.Domain, actual.Domain);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Overload, actual.Overload);
        Assert.Equal(expected.DocString, actual.DocString);
        Assert.Equal(expected.Inputs.Select(v => v?.Name), actual.Inputs.Select(v => v?.Name));
        ValuesEqual(expected.Outputs, actual.Outputs, where + " outputs");
        Assert.Equal(expected.Attributes.Select(a => (a.Name, a.Kind)), actual.Attributes.Select(a => (a.Name, a.Kind)));
        for (int i = 0; i < expected.Attributes.Count; i++)
        {
            AttributeEqual(expected.Attributes[i], actual.Attributes[i], $"{where} attribute '{expected.Attributes[i].Name}'");
        }
    }

    private static void ValuesEqual(IReadOnlyList<Value> expected, IReadOnlyList<Value> actual, string where)
    {
        Assert.True(expected.Count == actual.Count, $"{where}: {expected.Count} values expected, {actual.Count} found");
        for (int i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            var a = actual[i];
            Assert.True(e.Name == a.Name, $"{where}[{i}]: '{e.Name}' expected, '{a.Name}' found");
            Assert.True(e.ElementType == a.ElementType, $"{where} '{e.Name}': type {e.ElementType} expected, {a.ElementType} found");
            Assert.True(Equals(e.Shape, a.Shape), $"{where} '{e.Name}': shape {e.Shape} expected, {a.Shape} found");
            Assert.Equal(e.NonTensorType, a.NonTensorType);
            Assert.Equal(e.DocString, a.DocString);
            Assert.Equal(e.IsInitializer, a.IsInitializer);
            Assert.True(e.Uses.Count == a.Uses.Count, $"{where} '{e.Name}': {e.Uses.Count} uses expected, {a.Uses.Count} found");
        }
    }

    private static void AttributeEqual(NodeAttribute expected, NodeAttribute actual, string where)
    {
        switch (expected.RawValue)
        {
            case float f:
                Assert.Equal(BitConverter.SingleToInt32Bits(f), BitConverter.SingleToInt32Bits(actual.AsFloat()));
                break;
            case float[] fs:
                Assert.Equal(fs.Select(BitConverter.SingleToInt32Bits), actual.AsFloats().Select(BitConverter.SingleToInt32Bits));
                break;
            case byte[] s:
                Assert.Equal(s, (byte[])actual.RawValue!);
                break;
            case byte[][] ss:
                Assert.Equal(ss, (byte[][])actual.RawValue!);
                break;
            case Tensor t:
                TensorEqual(t, actual.AsTensor(), where);
                break;
            case Tensor[] ts:
                Assert.Equal(ts.Length, actual.AsTensors().Count);
                for (int i = 0; i < ts.Length; i++)
                {
                    TensorEqual(ts[i], actual.AsTensors()[i], where);
                }

                break;
            case OnnxGraph g:
                GraphEqual(g, actual.AsGraph());
                break;
            case OnnxGraph[] gs:
                Assert.Equal(gs.Length, actual.AsGraphs().Count);
                for (int i = 0; i < gs.Length; i++)
                {
                    GraphEqual(gs[i], actual.AsGraphs()[i]);
                }

                break;
            case System.Collections.IEnumerable list:
                Assert.Equal(list.Cast<object>(), ((System.Collections.IEnumerable)actual.RawValue!).Cast<object>());
                break;
            default:
                Assert.Equal(expected.RawValue, actual.RawValue);
                break;
        }
    }
}
