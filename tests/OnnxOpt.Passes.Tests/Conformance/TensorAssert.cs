using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Tests.Conformance;

/// <summary>The ONNX backend tests' comparison: same type and shape, exact for integers, bool and strings, |a-e| ≤ atol + rtol·|e| for reals (NaN equals NaN).</summary>
public static class TensorAssert
{
    public static string? Difference(Tensor expected, Tensor actual, double rtol = 1e-3, double atol = 1e-7)
    {
        if (expected.DataType != actual.DataType)
        {
            return $"type {actual.DataType.OnnxName()} instead of {expected.DataType.OnnxName()}";
        }

        if (!expected.Dims.SequenceEqual(actual.Dims))
        {
            return $"shape [{string.Join(",", actual.Dims)}] instead of [{string.Join(",", expected.Dims)}]";
        }

        if (expected.Strings is not null)
        {
            return expected.ContentEquals(actual) ? null : "string values differ";
        }

        if (!expected.DataType.IsFloatingPoint())
        {
            return expected.Bytes.Span.SequenceEqual(actual.Bytes.Span) ? null : "values differ";
        }

        var e = expected.ToDoubleArray();
        var a = actual.ToDoubleArray();
        for (int i = 0; i < e.Length; i++)
        {
            bool same = (double.IsNaN(e[i]) && double.IsNaN(a[i])) || e[i] == a[i] || Math.Abs(a[i] - e[i]) <= atol + (rtol * Math.Abs(e[i]));
            if (!same)
            {
                return $"element {i} is {a[i]} instead of {e[i]}";
            }
        }

        return null;
    }
}
