using System.Collections;

namespace OnnxOpt.Graph.IR;

/// <summary>An immutable tensor shape of known rank; each dimension may still be symbolic or unknown.</summary>
public sealed class Shape : IReadOnlyList<Dim>, IEquatable<Shape>
{
    private readonly Dim[] _dims;

    public Shape(IEnumerable<Dim> dims) => _dims = dims.ToArray();

    public static Shape Scalar { get; } = new([]);

    public static Shape Of(params long[] dims) => new(dims.Select(Dim.Of));

    public int Rank => _dims.Length;

    public int Count => _dims.Length;

    public Dim this[int index] => _dims[index];

    /// <summary>True when every dimension has a numeric size.</summary>
    public bool IsStatic => _dims.All(d => d.IsKnown);

    /// <summary>Numeric dims, or null when any dimension is symbolic or unknown.</summary>
    public long[]? ToArray() => IsStatic ? _dims.Select(d => d.Value!.Value).ToArray() : null;

    /// <summary>Product of the dims, or null when not static. Saturates at <see cref="long.MaxValue"/>: declared
    /// sizes are untrusted, and a wrapped product could pass a size check it should fail.</summary>
    public long? ElementCount => IsStatic ? SaturatingProduct(_dims.Select(d => d.Value!.Value)) : null;

    private static long SaturatingProduct(IEnumerable<long> dims)
    {
        long product = 1;
        foreach (long d in dims)
        {
            if (d < 0 || product == long.MaxValue)
            {
                return d < 0 ? -1 : long.MaxValue;
            }

            product = d != 0 && product > long.MaxValue / d ? long.MaxValue : product * d;
        }

        return product;
    }

    public IEnumerator<Dim> GetEnumerator() => ((IEnumerable<Dim>)_dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _dims.GetEnumerator();

    public bool Equals(Shape? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);

    public override bool Equals(object? obj) => Equals(obj as Shape);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var d in _dims)
        {
            hash.Add(d);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(",", _dims) + "]";
}
