using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Transforms.Pruning.Channels;

/// <summary>The im2col geometry of a 2-D Conv: gathers the input patch (selected channels × kernel) behind one output position.</summary>
public sealed record ConvPatch(int KernelH, int KernelW, int StrideH, int StrideW, int PadTop, int PadLeft, int DilationH, int DilationW)
{
    public int KernelArea => KernelH * KernelW;

    /// <summary>The geometry of <paramref name="conv"/>, or null when it is not a 2-D Conv with explicit padding.</summary>
    public static ConvPatch? Of(Node conv)
    {
        var weight = conv.Input(1)?.ConstValue;
        string autoPad = conv.GetString("auto_pad", "NOTSET");
        if (weight is not { Rank: 4 } || autoPad is not ("NOTSET" or "VALID"))
        {
            return null;
        }

        var strides = conv.GetInts("strides") ?? [1, 1];
        var pads = conv.GetInts("pads") ?? [0, 0, 0, 0];
        var dilations = conv.GetInts("dilations") ?? [1, 1];
        return new ConvPatch((int)weight.Dims[2], (int)weight.Dims[3], (int)strides[0], (int)strides[1], (int)pads[0], (int)pads[1], (int)dilations[0], (int)dilations[1]);
    }

    /// <summary>Writes channels × kernel values (zero outside the input) of the patch behind output (oy, ox) into <paramref name="patch"/>.</summary>
    public void Gather(ReadOnlySpan<float> input, int height, int width, IReadOnlyList<int> channels, int oy, int ox, Span<double> patch)
    {
        int at = 0;
        int plane = height * width;
        foreach (int c in channels)
        {
            int baseIndex = c * plane;
            for (int ky = 0; ky < KernelH; ky++)
            {
                int y = (oy * StrideH) - PadTop + (ky * DilationH);
                for (int kx = 0; kx < KernelW; kx++)
                {
                    int x = (ox * StrideW) - PadLeft + (kx * DilationW);
                    patch[at++] = y >= 0 && y < height && x >= 0 && x < width ? input[baseIndex + (y * width) + x] : 0;
                }
            }
        }
    }
}
