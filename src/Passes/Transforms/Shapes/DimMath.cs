using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>Arithmetic on possibly symbolic dims: a result is known only when its inputs are.</summary>
internal static class DimMath
{
    /// <summary>Numpy broadcasting of shapes with symbols: 1 yields to the other dim, equal dims stay, anything else unknown.</summary>
    public static Shape? Broadcast(IEnumerable<Shape?> shapes)
    {
        var list = shapes.ToList();
        if (list.Any(s => s is null))
        {
            return null;
        }

        int rank = list.Max(s => s!.Rank);
        var dims = new Dim[rank];
        for (int i = 0; i < rank; i++)
        {
            Dim? result = null;
            foreach (var shape in list)
            {
                int at = i - (rank - shape!.Rank);
                if (at < 0)
                {
                    continue;
                }

                var d = shape[at];
                if (result is null || result.Value.Value == 1)
                {
                    result = d;
                }
                else if (d.Value == 1 || d == result.Value)
                {
                    continue;
                }
                else if (d.IsKnown && !result.Value.IsKnown)
                {
                    result = d;
                }
                else if (!(result.Value.IsKnown && !d.IsKnown))
                {
                    result = Dim.Unknown;
                }
            }

            dims[i] = result ?? Dim.Of(1);
        }

        return new Shape(dims);
    }

    public static Dim Product(IEnumerable<Dim> dims)
    {
        long product = 1;
        foreach (var d in dims)
        {
            if (!d.IsKnown)
            {
                return Dim.Unknown;
            }

            long v = d.Value!.Value;
            if (v < 0 || (v != 0 && product > long.MaxValue / v))
            {
                // Declared sizes are untrusted: a product past 64 bits is no size at all.
                return Dim.Unknown;
            }

            product *= v;
        }

        return Dim.Of(product);
    }

    public static int? Axis(long axis, int rank) => axis >= -rank && axis < rank ? (int)(axis < 0 ? axis + rank : axis) : null;
}
