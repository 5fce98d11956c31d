using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using OnnxOpt.Graph.IR;
using Tensor = OnnxOpt.Graph.IR.Tensor;

namespace OnnxOpt.Backends.OnnxRuntime.Calibration;

/// <summary>
/// Reads NumPy `.npy` files (format 1.0-3.0): little-endian float32/float64/float16, integer and bool arrays in C
/// order. Float64 is narrowed to float32 because calibration feeds float32 models.
/// </summary>
public static class NpyReader
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static Tensor Read(string path) => Read(File.ReadAllBytes(path), path);

    public static Tensor Read(byte[] bytes, string displayName = "array")
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"'{displayName}' is not a .npy file");
        }

        int major = bytes[6];
        int headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        int headerStart = major == 1 ? 10 : 12;
        if (headerStart + headerLength > bytes.Length)
        {
            throw new InvalidDataException($"'{displayName}': truncated .npy header");
        }

        string header = Encoding.UTF8.GetString(bytes, headerStart, headerLength);
        string descr = Field(header, "descr", displayName).Trim('\'', '"');
        if (Field(header, "fortran_order", displayName).StartsWith("True", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"'{displayName}': Fortran-order arrays are not supported; save with np.ascontiguousarray");
        }

        long[] dims = ParseShape(Field(header, "shape", displayName));
        var data = bytes.AsMemory(headerStart + headerLength);
        var (type, width) = ElementType(descr, displayName);
        long count = Tensor.CountElements(dims);
        if (data.Length < count * width)
        {
            throw new InvalidDataException($"'{displayName}': expected {count} elements of '{descr}', the file is shorter");
        }

        data = data[..(int)(count * width)];
        if (type == DataType.Double)
        {
            var doubles = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(data.Span);
            var floats = new float[doubles.Length];
            for (int i = 0; i < floats.Length; i++)
            {
                floats[i] = (float)doubles[i];
            }

            return Tensor.Create(floats, dims);
        }

        return Tensor.FromBytes(type, dims, data.ToArray());
    }

    private static (DataType Type, int Width) ElementType(string descr, string displayName) => descr switch
    {
        "<f4" => (DataType.Float, 4),
        "<f8" => (DataType.Double, 8),
        "<f2" => (DataType.Float16, 2),
        "|u1" => (DataType.UInt8, 1),
        "|i1" => (DataType.Int8, 1),
        "<i4" => (DataType.Int32, 4),
        "<i8" => (DataType.Int64, 8),
        "|b1" => (DataType.Bool, 1),
        _ => throw new InvalidDataException($"'{displayName}': unsupported .npy element type '{descr}'"),
    };

    private static string Field(string header, string key, string displayName)
    {
        int at = header.IndexOf($"'{key}'", StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidDataException($"'{displayName}': .npy header has no '{key}'");
        }

        int colon = header.IndexOf(':', at);
        int start = colon + 1;
        if (header.AsSpan(start).TrimStart().StartsWith("("))
        {
            int open = header.IndexOf('(', start);
            return header[open..(header.IndexOf(')', open) + 1)];
        }

        int end = header.IndexOf(',', start);
        return header[start..(end < 0 ? header.Length : end)].Trim();
    }

    private static long[] ParseShape(string tuple) =>
        tuple.Trim('(', ')').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
}
