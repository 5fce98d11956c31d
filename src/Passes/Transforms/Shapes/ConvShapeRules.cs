using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Shapes;

/// <summary>Conv, ConvTranspose and the pooling ops: spatial sizes from kernel, strides, pads, dilations, auto_pad and ceil_mode.</summary>
internal static class ConvShapeRules
{
    public static void Register(IDictionary<string, ShapeRule> table)
    {
        table["Conv"] = Conv;
        table["ConvTranspose"] = ConvTranspose;
        table["MaxPool"] = c => Pool(c, 2);
        table["AveragePool"] = c => Pool(c, 1);
        table["LpPool"] = c => Pool(c, 1);
        table["GlobalAveragePool"] = Global;
        table["GlobalMaxPool"] = Global;
        table["GlobalLpPool"] = Global;
    }

    private static IReadOnlyList<TensorType?>? Conv(InferenceCall c)
    {
        var x = c.Shape(0);
        var w = c.Shape(1);
        if (x is null || x.Rank < 3)
        {
            return InferenceCall.One(c.ElementType(0), null);
        }

        var kernel = c.Node.GetInts("kernel_shape")?.Select(Dim.Of).ToArray() ?? w?.Skip(2).ToArray();
        var spatial = kernel is null ? Enumerable.Repeat(Dim.Unknown, x.Rank - 2).ToArray() : Spatial(c, x, kernel, ceil: false, pool: false);
        return InferenceCall.One(c.ElementType(0), new Shape(new[] { x[0], w?[0] ?? Dim.Unknown }.Concat(spatial)));
    }

    private static IReadOnlyList<TensorType?>? ConvTranspose(InferenceCall c)
    {
        var x = c.Shape(0);
        var w = c.Shape(1);
        if (x is null || x.Rank < 3)
        {
            return InferenceCall.One(c.ElementType(0), null);
        }

        int n = x.Rank - 2;
        long group = c.Node.GetInt("group", 1);
        Dim channels = w is not null && w[1].IsKnown ? Dim.Of(w[1].Value!.Value * group) : Dim.Unknown;
        var outputShape = c.Node.GetInts("output_shape");
        var spatial = new Dim[n];
        var kernel = c.Node.GetInts("kernel_shape")?.Select(Dim.Of).ToArray() ?? w?.Skip(2).ToArray();
        var strides = c.Node.GetInts("strides") ?? Enumerable.Repeat(1L, n).ToArray();
        var dilations = c.Node.GetInts("dilations") ?? Enumerable.Repeat(1L, n).ToArray();
        var outPad = c.Node.GetInts("output_padding") ?? new long[n];
        var pads = c.Node.GetInts("pads") ?? new long[2 * n];
        string autoPad = c.Node.GetString("auto_pad", "NOTSET");
        for (int i = 0; i < n; i++)
        {
            if (outputShape is not null)
            {
                spatial[i] = Dim.Of(outputShape[outputShape.Count - n + i]);
                continue;
            }

            var input = x[i + 2];
            if (!input.IsKnown || kernel is null || !kernel[i].IsKnown)
            {
                spatial[i] = Dim.Unknown;
                continue;
            }

            long inSize = input.Value!.Value;
            long k = ((kernel[i].Value!.Value - 1) * dilations[i]) + 1;
            long full = (strides[i] * (inSize - 1)) + outPad[i] + k;
            // SAME pads toward in·stride, but padding cannot be negative (ONNX Runtime clamps it at 0).
            spatial[i] = autoPad is "SAME_UPPER" or "SAME_LOWER"
                ? Dim.Of(full - Math.Max(0, full - (inSize * strides[i])))
                : Dim.Of(full - (autoPad == "VALID" ? 0 : pads[i] + pads[i + n]));
        }

        return InferenceCall.One(c.ElementType(0), new Shape(new[] { x[0], channels }.Concat(spatial)));
    }

    private static IReadOnlyList<TensorType?>? Pool(InferenceCall c, int outputs)
    {
        var x = c.Shape(0);
        var kernel = c.Node.GetInts("kernel_shape")?.Select(Dim.Of).ToArray();
        Shape? shape = null;
        if (x is not null && x.Rank >= 3 && kernel is not null && kernel.Length == x.Rank - 2)
        {
            shape = new Shape(x.Take(2).Concat(Spatial(c, x, kernel, c.Node.GetInt("ceil_mode", 0) != 0, pool: true)));
        }

        var values = new TensorType(c.ElementType(0), shape);
        return outputs == 2 ? [values, new TensorType(DataType.Int64, shape)] : [values];
    }

    private static IReadOnlyList<TensorType?>? Global(InferenceCall c)
    {
        var x = c.Shape(0);
        return InferenceCall.One(c.ElementType(0), x is null ? null : new Shape(x.Take(2).Concat(Enumerable.Repeat(Dim.Of(1), x.Rank - 2))));
    }

    /// <summary>Output spatial dims of a sliding window (Conv and pools).</summary>
    private static Dim[] Spatial(InferenceCall c, Shape x, Dim[] kernel, bool ceil, bool pool)
    {
        int n = x.Rank - 2;
        var strides = c.Node.GetInts("strides") ?? Enumerable.Repeat(1L, n).ToArray();
        var dilations = c.Node.GetInts("dilations") ?? Enumerable.Repeat(1L, n).ToArray();
        var pads = c.Node.GetInts("pads") ?? new long[2 * n];
        string autoPad = c.Node.GetString("auto_pad", "NOTSET");
        var result = new Dim[n];
        for (int i = 0; i < n; i++)
        {
            var input = x[i + 2];
            if (!input.IsKnown || i >= kernel.Length || !kernel[i].IsKnown)
            {
                result[i] = Dim.Unknown;
                continue;
            }

            long inSize = input.Value!.Value;
            long stride = strides[i];
            long k = ((kernel[i].Value!.Value - 1) * dilations[i]) + 1;
            long padding = autoPad == "VALID" ? 0 : pads[i] + pads[i + n];
            if (autoPad is "SAME_UPPER" or "SAME_LOWER")
            {
                // Padding toward ceil(in/stride) windows, as ONNX Runtime computes it: pools size it with the
                // undilated kernel, so a dilated SAME pool can come out smaller than ceil(in/stride).
                long target = (inSize + stride - 1) / stride;
                padding = Math.Max(0, ((target - 1) * stride) + (pool ? kernel[i].Value!.Value : k) - inSize);
            }

            long padded = inSize + padding - k;
            long size = ceil ? ((padded + stride - 1) / stride) + 1 : (padded / stride) + 1;
            // With ceil_mode the last window must start inside the input or the left padding.
            if (ceil && ((size - 1) * stride) >= inSize + (autoPad == "NOTSET" ? pads[i] : padding / 2))
            {
                size--;
            }

            result[i] = Dim.Of(size);
        }

        return result;
    }
}
