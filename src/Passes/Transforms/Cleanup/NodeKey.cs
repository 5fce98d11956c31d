using System.Runtime.CompilerServices;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Cleanup;

/// <summary>
/// What makes two nodes compute the same values: domain, op type, overload, the very same input values, equal
/// attributes (in any order) and the same set of requested outputs. Inputs of the two-input ops whose IEEE
/// results do not depend on operand order (Add, Mul, And, Or, Xor, Equal) match in either order.
/// </summary>
internal sealed class NodeKey : IEquatable<NodeKey>
{
    private static readonly HashSet<string> Commutative = ["Add", "Mul", "And", "Or", "Xor", "Equal"];

    private readonly string _domain;
    private readonly string _opType;
    private readonly string? _overload;
    private readonly Value?[] _inputs;
    private readonly NodeAttribute[] _attributes;
    private readonly bool[] _outputsPresent;
    private readonly bool _commutative;
    private readonly int _hash;

    public NodeKey(Node node)
    {
        _domain = node.IsDefaultDomain ? string.Empty : node.Domain;
        _opType = node.OpType;
        _overload = node.Overload;
        _inputs = [.. node.Inputs];
        _attributes = [.. node.Attributes.OrderBy(a => a.Name, StringComparer.Ordinal)];
        _outputsPresent = [.. node.Outputs.Select(o => o.Name.Length > 0)];
        _commutative = _domain.Length == 0 && _inputs.Length == 2 && Commutative.Contains(_opType);

        var hash = new HashCode();
        hash.Add(_domain);
        hash.Add(_opType);
        hash.Add(_overload);
        if (_commutative)
        {
            hash.Add(IdentityHash(_inputs[0]) + IdentityHash(_inputs[1]));
        }
        else
        {
            foreach (var input in _inputs)
            {
                hash.Add(IdentityHash(input));
            }
        }

        foreach (var attribute in _attributes)
        {
            hash.Add(AttributeEquality.Hash(attribute));
        }

        foreach (bool present in _outputsPresent)
        {
            hash.Add(present);
        }

        _hash = hash.ToHashCode();
    }

    public bool Equals(NodeKey? other)
    {
        if (other is null || other._hash != _hash || other._opType != _opType || other._domain != _domain || other._overload != _overload
            || other._inputs.Length != _inputs.Length || other._attributes.Length != _attributes.Length
            || !other._outputsPresent.AsSpan().SequenceEqual(_outputsPresent))
        {
            return false;
        }

        if (!SameInputs(other))
        {
            return false;
        }

        for (int i = 0; i < _attributes.Length; i++)
        {
            if (!AttributeEquality.Equal(_attributes[i], other._attributes[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as NodeKey);

    public override int GetHashCode() => _hash;

    private bool SameInputs(NodeKey other)
    {
        bool inOrder = true;
        for (int i = 0; i < _inputs.Length && inOrder; i++)
        {
            inOrder = ReferenceEquals(_inputs[i], other._inputs[i]);
        }

        return inOrder || (_commutative && ReferenceEquals(_inputs[0], other._inputs[1]) && ReferenceEquals(_inputs[1], other._inputs[0]));
    }

    private static int IdentityHash(Value? value) => value is null ? 0 : RuntimeHelpers.GetHashCode(value);
}
