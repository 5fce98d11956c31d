using System.Runtime.CompilerServices;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.Verification;

/// <summary>
/// A 64-bit hash of a model's structure, for catching a pass that edits the model while it reports "unchanged"
/// (verify-each and tests compare the fingerprints before and after such a pass). It covers the IR version, the opset imports and,
/// for every graph and subgraph in order: inputs, initializers, outputs and each node's op, domain, name,
/// attributes, inputs and outputs, with value names, element types and shapes. Tensors and subgraphs held by
/// values and attributes count by identity (they are immutable or hashed where they are listed), so computing it
/// is O(model size without weights). Equal within one process only: string hashes are seeded per process.
/// verify-each compares the O(1) <see cref="ModelRevision"/> instead and this only where asked (tests).
/// </summary>
public static class StructuralFingerprint
{
    public static ulong Of(Model model)
    {
        var hash = new Mixer();
        hash.Add(model.IrVersion);
        foreach (var opset in model.OpsetImports)
        {
            hash.Add(opset.Domain);
            hash.Add(opset.Version);
        }

        foreach (var graph in model.Graph.AllGraphs())
        {
            AddGraph(ref hash, graph);
        }

        return hash.Value;
    }

    private static void AddGraph(ref Mixer hash, OnnxGraph graph)
    {
        hash.Add(graph.Name);
        hash.Add(graph.Inputs.Count);
        foreach (var input in graph.Inputs)
        {
            AddValue(ref hash, input);
        }

        hash.Add(graph.Initializers.Count);
        foreach (var initializer in graph.Initializers)
        {
            AddValue(ref hash, initializer);
        }

        hash.Add(graph.Nodes.Count);
        foreach (var node in graph.Nodes)
        {
            hash.Add(node.Domain);
            hash.Add(node.OpType);
            hash.Add(node.Name);
            hash.Add(node.Attributes.Count);
            foreach (var attribute in node.Attributes)
            {
                AddAttribute(ref hash, attribute);
            }

            hash.Add(node.Inputs.Count);
            foreach (var input in node.Inputs)
            {
                hash.Add(input is null ? 0 : RuntimeHelpers.GetHashCode(input));
            }

            hash.Add(node.Outputs.Count);
            foreach (var output in node.Outputs)
            {
                AddValue(ref hash, output);
            }
        }

        hash.Add(graph.Outputs.Count);
        foreach (var output in graph.Outputs)
        {
            hash.Add(RuntimeHelpers.GetHashCode(output));
            hash.Add(output.Name);
        }
    }

    private static void AddValue(ref Mixer hash, Value value)
    {
        hash.Add(RuntimeHelpers.GetHashCode(value));
        hash.Add(value.Name);
        hash.Add((int)value.ElementType);
        hash.Add(value.ConstValue is null ? 0 : RuntimeHelpers.GetHashCode(value.ConstValue));
        if (value.Shape is { } shape)
        {
            hash.Add(shape.Rank);
            foreach (var dim in shape)
            {
                hash.Add(dim.GetHashCode());
            }
        }
        else
        {
            hash.Add(-1);
        }
    }

    private static void AddAttribute(ref Mixer hash, NodeAttribute attribute)
    {
        hash.Add(attribute.Name);
        hash.Add((int)attribute.Kind);
        switch (attribute.RawValue)
        {
            case long i:
                hash.Add(i);
                break;
            case float f:
                hash.Add(BitConverter.SingleToInt32Bits(f));
                break;
            case long[] ints:
                foreach (long i in ints)
                {
                    hash.Add(i);
                }

                break;
            case float[] floats:
                foreach (float f in floats)
                {
                    hash.Add(BitConverter.SingleToInt32Bits(f));
                }

                break;
            case byte[] bytes:
                hash.Add(bytes.Length);
                hash.Add(bytes.Length <= 256 ? Convert.ToHexString(bytes) : string.Empty);
                break;
            case object other:
                // Tensors, strings lists and subgraphs: by identity (subgraph contents are hashed as graphs of their own).
                hash.Add(RuntimeHelpers.GetHashCode(other));
                break;
        }
    }

    /// <summary>FNV-1a style mixing of 64-bit words; enough to tell two structures apart, not a cryptographic hash.</summary>
    private struct Mixer
    {
        private const ulong Prime = 0x100000001b3;

        public Mixer() => Value = 0xcbf29ce484222325;

        public ulong Value { get; private set; }

        public void Add(long word)
        {
            ulong mixed = (ulong)word * 0x9E3779B97F4A7C15;
            Value = (Value ^ (mixed ^ (mixed >> 29))) * Prime;
        }

        public void Add(string text) => Add(string.GetHashCode(text, StringComparison.Ordinal) ^ ((long)text.Length << 32));
    }
}
