using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.OpRules;

/// <summary>
/// How the element type of one op output follows from the node: a fixed type, an input's type, an attribute,
/// a subgraph's output. A closed set of cases, so consumers can ask not only "which type" but "is it fixed".
/// </summary>
public abstract record OutputType
{
    public static OutputType FirstInput { get; } = new FirstPresentInput();

    public static OutputType Unknown { get; } = new Untracked();

    public static OutputType Of(DataType type) => new Fixed(type);

    public static OutputType Input(int index) => new SameAsInput(index);

    /// <summary>The int attribute <paramref name="name"/> as a data type when set and non-zero, otherwise <paramref name="fallback"/>.</summary>
    public static OutputType Attribute(string name, OutputType fallback) => new FromAttribute(name, fallback);

    /// <summary>The type of input <paramref name="index"/> when the node has it, otherwise <paramref name="whenAbsent"/>.</summary>
    public static OutputType InputOr(int index, OutputType whenAbsent) => new OptionalInput(index, whenAbsent);

    /// <summary>Output i has the type of output i + <paramref name="offset"/> of the subgraph attribute <paramref name="attribute"/>.</summary>
    public static OutputType Subgraph(string attribute, int offset) => new FromSubgraph(attribute, offset);

    /// <summary>The data type of the tensor attribute <paramref name="name"/>, otherwise <paramref name="fallback"/>.</summary>
    public static OutputType TensorAttribute(string name, DataType fallback) => new FromTensorAttribute(name, fallback);

    /// <summary>The type of the tensor a Constant node carries in whichever value attribute it has.</summary>
    public static OutputType ConstantValue { get; } = new FromConstantValue();

    /// <summary>The element type of output <paramref name="index"/> of <paramref name="node"/>; Undefined when it cannot be told.</summary>
    /// <param name="typeOf">The known type of an input value (null inputs are Undefined).</param>
    /// <param name="subgraphOutputType">The type of output i of the node's subgraph attribute with the given name.</param>
    public abstract DataType Resolve(Node node, int index, Func<Value?, DataType> typeOf, Func<string, int, DataType> subgraphOutputType);

    /// <summary>Always <see cref="Type"/>, whatever the inputs.</summary>
    public sealed record Fixed(DataType Type) : OutputType
    {
        public override DataType Resolve(Node node, int index, Func<Value?, DataType> typeOf, Func<string, int, DataType> subgraphOutputType) => Type;
    }

    /// <summary>The type of input <see cref="Index"/>.</summary>
    public sealed record SameAsInput(int Index) : OutputType
    {
        public override DataType Resolve(Node node, int index, Func<Value?, DataType> typeOf, Func<string, int, DataType> subgraphOutputType) =>
            typeOf(node.Input(Index));
    }

    /// <summary>The type of the first input that is present (ops whose leading inputs are optional).</summary>
    public sealed record FirstPresentInput : OutputType
    {
        public override DataType Resolve(Node node, int index, Func<Value?, DataType> typeOf, Func<string, int, DataType> subgraphOutputType)
        {
            foreach (var input in node.Inputs)
            {
                if (input is not null)
                {
                    return typeOf(input);
                }
            }

            return DataType.Undefined;
        }
    }

    /// <summary>Sequences and optionals: this IR does not track their element types.</summary>
    public sealed record Untracked : OutputType
    {
        public override DataType Resolve(Node node, int index, Func<Value?, DataType> typeOf, Func<string, int, DataType> subgraphOutputType) =>
            DataType.Undefined;
    }

    public sealed record FromAttribute(string Name, OutputType Fallback) : OutputType
    {
        public override DataType Resolve(Node node, int index, Func<Value?, DataType> typeOf, Func<string, int, DataType> subgraphOutputType) =>
            node.FindAttribute(Name) is { Kind: AttributeKind.Int } a && a.AsInt() != 0
                ? (DataType)a.AsInt()
                : Fallback.Resolve(node, index, typeOf, subgraphOutputType);
    }

    public sealed record OptionalInput(int Index, OutputType WhenAbsent) : OutputType
    {
        public override DataType Resolve(Node node, int index, Func<Value?, DataType> typeOf, Func<string, int, DataType> subgraphOutputType) =>
            node.Input(Index) is { } input ? typeOf(input) : WhenAbsent.Resolve(node, index, typeOf, subgraphOutputType);
    }

    public sealed record FromSubgraph(string AttributeName, int Offset) : OutputType
    {
        public override DataType Resolve(Node node, int index, Func<Value?, DataType> typeOf, Func<string, int, DataType> subgraphOutputType) =>
            subgraphOutputType(AttributeName, index + Offset);
    }

    public sealed record FromTensorAttribute(string Name, DataType Fallback) : OutputType
    {
        public override DataType Resolve(Node node, int index, Func<Value?, DataType> typeOf, Func<string, int, DataType> subgraphOutputType) =>
            node.FindAttribute(Name)?.RawValue is Tensor tensor ? tensor.DataType : Fallback;
    }

    public sealed record FromConstantValue : OutputType
    {
        public override DataType Resolve(Node node, int index, Func<Value?, DataType> typeOf, Func<string, int, DataType> subgraphOutputType)
        {
            foreach (var attribute in node.Attributes)
            {
                switch (attribute.Name)
                {
                    case "value": return (attribute.RawValue as Tensor)?.DataType ?? DataType.Undefined;
                    case "value_float" or "value_floats": return DataType.Float;
                    case "value_int" or "value_ints": return DataType.Int64;
                    case "value_string" or "value_strings": return DataType.String;
                }
            }

            return DataType.Undefined;
        }
    }
}
