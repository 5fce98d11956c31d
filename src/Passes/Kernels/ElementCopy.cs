using System.Runtime.InteropServices;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Passes.Kernels;

/// <summary>
/// Data movement for every element type whose size is a whole number of bytes (and for strings): the output takes,
/// for each of its elements, the source element at the flat index given by a map. Movement ops never look at values.
/// </summary>
internal static class ElementCopy
{
    public static Tensor Gather(Tensor source, int[]? map, long[] dims)
    {
        if (map is null)
        {
            return source.Dims.SequenceEqual(dims) ? source : source.Reshape(dims);
        }

        if (source.Strings is { } strings)
        {
            return Tensor.FromStrings(dims, map.Select(i => strings[i]));
        }

        int bits = source.DataType.BitSize();
        if (bits < 8)
        {
            throw new KernelException($"element type {source.DataType.OnnxName()} is not supported by the built-in kernels");
        }

        var bytes = source.Bytes.Span;
        byte[] result = new byte[(long)map.Length * (bits / 8)];
        switch (bits)
        {
            case 8: Copy(bytes, map, result.AsSpan()); break;
            case 16: Copy(MemoryMarshal.Cast<byte, ushort>(bytes), map, MemoryMarshal.Cast<byte, ushort>(result.AsSpan())); break;
            case 32: Copy(MemoryMarshal.Cast<byte, uint>(bytes), map, MemoryMarshal.Cast<byte, uint>(result.AsSpan())); break;
            case 64: Copy(MemoryMarshal.Cast<byte, ulong>(bytes), map, MemoryMarshal.Cast<byte, ulong>(result.AsSpan())); break;
            default:
                int width = bits / 8;
                for (int i = 0; i < map.Length; i++)
                {
                    bytes.Slice(map[i] * width, width).CopyTo(result.AsSpan(i * width));
                }

                break;
        }

        return Tensor.FromBytes(source.DataType, dims, result);
    }

    /// <summary>Joins the element data of several tensors of one type in order (the caller sets dims).</summary>
    public static Tensor Join(IReadOnlyList<Tensor> parts, long[] dims, DataType type)
    {
        if (type == DataType.String)
        {
            return Tensor.FromStrings(dims, parts.SelectMany(p => p.Strings!));
        }

        var result = new byte[parts.Sum(p => p.Bytes.Length)];
        int at = 0;
        foreach (var part in parts)
        {
            part.Bytes.Span.CopyTo(result.AsSpan(at));
            at += part.Bytes.Length;
        }

        return Tensor.FromBytes(type, dims, result);
    }

    /// <summary>A tensor of <paramref name="dims"/> whose every element is element <paramref name="index"/> of <paramref name="source"/>.</summary>
    public static Tensor Fill(Tensor source, int index, long[] dims)
    {
        var map = new int[TensorMath.Count(dims)];
        Array.Fill(map, index);
        return Gather(source, map, dims);
    }

    private static void Copy<T>(ReadOnlySpan<T> source, int[] map, Span<T> destination)
        where T : unmanaged
    {
        for (int i = 0; i < map.Length; i++)
        {
            destination[i] = source[map[i]];
        }
    }
}
