using System.Runtime.InteropServices;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Graph.IR;

/// <summary>
/// An immutable constant tensor. Data is kept as raw little-endian bytes (as ONNX's <c>raw_data</c>) and only
/// interpreted when a caller asks for typed values, so loading and saving a model never converts weights.
/// Data in an external file is read on first access; the writer streams it without materialising it.
/// </summary>
public sealed class Tensor
{
    private readonly long[] _dims;
    private ReadOnlyMemory<byte> _bytes;
    private bool _loaded;
    private readonly byte[][]? _strings;

    private Tensor(DataType dataType, long[] dims, ReadOnlyMemory<byte> bytes, ExternalDataLocation? external, byte[][]? strings)
    {
        DataType = dataType;
        _dims = dims;
        _bytes = bytes;
        _loaded = external is null;
        External = external;
        _strings = strings;
        ElementCount = CountElements(dims);
    }

    public DataType DataType { get; }

    /// <summary>
    /// The product of <paramref name="dims"/>; a negative dimension or a product past <see cref="long.MaxValue"/> is
    /// an <see cref="OnnxFormatException"/>, because unchecked it could wrap to a small count that matches the data.
    /// </summary>
    public static long CountElements(ReadOnlySpan<long> dims)
    {
        long count = 1;
        foreach (long d in dims)
        {
            if (d < 0)
            {
                throw new OnnxFormatException($"tensor shape [{string.Join(",", dims.ToArray())}] has a negative dimension");
            }

            if (d != 0 && count > long.MaxValue / d)
            {
                throw new OnnxFormatException($"tensor shape [{string.Join(",", dims.ToArray())}] has more elements than a tensor can hold");
            }

            count *= d;
        }

        return count;
    }

    public IReadOnlyList<long> Dims => _dims;

    public int Rank => _dims.Length;

    public long ElementCount { get; }

    /// <summary>Size of the data in bytes as stored in <c>raw_data</c>; 0 for string tensors.</summary>
    public long ByteLength => External?.Length ?? (_strings is null ? _bytes.Length : 0);

    /// <summary>Set when the data still lives in an external file and has not been loaded.</summary>
    public ExternalDataLocation? External { get; }

    public string? DocString { get; private set; }

    /// <summary>The same tensor (sharing its data) with a doc string.</summary>
    public Tensor WithDocString(string? doc)
    {
        var copy = new Tensor(DataType, _dims, _bytes, External, _strings) { DocString = doc };
        copy._loaded = _loaded;
        return copy;
    }

    /// <summary>The elements of a string tensor as raw (UTF-8) bytes; null for every other type.</summary>
    public IReadOnlyList<byte[]>? Strings => _strings;

    /// <summary>False while the data still sits unread in its external file.</summary>
    public bool IsLoaded => _loaded;

    /// <summary>The raw little-endian bytes, loading external data on first use.</summary>
    public ReadOnlyMemory<byte> Bytes
    {
        get
        {
            if (!_loaded)
            {
                _bytes = ExternalDataReader.ReadAll(External!);
                _loaded = true;
            }

            return _bytes;
        }
    }

    /// <summary>The data viewed as elements of <typeparamref name="T"/>; the caller picks a T of the right size.</summary>
    public ReadOnlySpan<T> Span<T>()
        where T : unmanaged => MemoryMarshal.Cast<byte, T>(Bytes.Span);

    public T[] ToArray<T>()
        where T : unmanaged => Span<T>().ToArray();

    /// <summary>Values converted to double, for any real numeric type except the packed sub-byte ones.</summary>
    public double[] ToDoubleArray() => TensorValues.ToDoubles(this);

    /// <summary>Values converted to long, for integer and bool types.</summary>
    public long[] ToInt64Array() => TensorValues.ToInt64s(this);

    public long[] DimsArray() => (long[])_dims.Clone();

    public static Tensor FromBytes(DataType dataType, ReadOnlySpan<long> dims, ReadOnlyMemory<byte> bytes)
    {
        if (dataType == DataType.String)
        {
            throw new ArgumentException("use FromStrings for string tensors", nameof(dataType));
        }

        var tensor = new Tensor(dataType, dims.ToArray(), bytes, null, null);
        long expected = dataType.ByteCount(tensor.ElementCount);
        if (bytes.Length != expected)
        {
            throw new OnnxFormatException($"tensor of type {dataType.OnnxName()} and shape [{string.Join(",", dims.ToArray())}] needs {expected} bytes but has {bytes.Length}");
        }

        return tensor;
    }

    public static Tensor FromStrings(ReadOnlySpan<long> dims, IEnumerable<byte[]> values)
    {
        var strings = values.ToArray();
        var tensor = new Tensor(DataType.String, dims.ToArray(), ReadOnlyMemory<byte>.Empty, null, strings);
        if (strings.Length != tensor.ElementCount)
        {
            throw new OnnxFormatException($"string tensor of shape [{string.Join(",", dims.ToArray())}] has {strings.Length} values");
        }

        return tensor;
    }

    internal static Tensor FromExternal(DataType dataType, long[] dims, ExternalDataLocation location) =>
        new(dataType, dims, ReadOnlyMemory<byte>.Empty, location, null);

    /// <summary>Creates a tensor of the ONNX type that matches <typeparamref name="T"/> (float, Half, double, int, long, bool, ...).</summary>
    public static Tensor Create<T>(ReadOnlySpan<T> values, params long[] dims)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values).ToArray();
        return FromBytes(ElementTypeOf<T>(), dims, bytes);
    }

    public static Tensor Create<T>(T[] values, params long[] dims)
        where T : unmanaged => Create((ReadOnlySpan<T>)values, dims);

    public static Tensor Scalar<T>(T value)
        where T : unmanaged => Create([value]);

    /// <summary>The same data with other dims (element count must match).</summary>
    public Tensor Reshape(ReadOnlySpan<long> dims)
    {
        if (_strings is not null)
        {
            return FromStrings(dims, _strings);
        }

        if (External is not null && !_loaded)
        {
            var reshaped = new Tensor(DataType, dims.ToArray(), default, External, null);
            return reshaped.ElementCount == ElementCount
                ? reshaped
                : throw new ArgumentException($"cannot reshape {this} to [{string.Join(",", dims.ToArray())}]: the element counts differ", nameof(dims));
        }

        return FromBytes(DataType, dims, Bytes);
    }

    /// <summary>True when type, dims and bytes are identical.</summary>
    public bool ContentEquals(Tensor other)
    {
        if (other.DataType != DataType || !other._dims.AsSpan().SequenceEqual(_dims))
        {
            return false;
        }

        if (_strings is not null)
        {
            return other._strings is not null && _strings.Length == other._strings.Length
                && _strings.Zip(other._strings).All(p => p.First.AsSpan().SequenceEqual(p.Second));
        }

        return Bytes.Span.SequenceEqual(other.Bytes.Span);
    }

    public static DataType ElementTypeOf<T>()
        where T : unmanaged => typeof(T) switch
        {
            var t when t == typeof(float) => DataType.Float,
            var t when t == typeof(double) => DataType.Double,
            var t when t == typeof(Half) => DataType.Float16,
            var t when t == typeof(byte) => DataType.UInt8,
            var t when t == typeof(sbyte) => DataType.Int8,
            var t when t == typeof(short) => DataType.Int16,
            var t when t == typeof(ushort) => DataType.UInt16,
            var t when t == typeof(int) => DataType.Int32,
            var t when t == typeof(uint) => DataType.UInt32,
            var t when t == typeof(long) => DataType.Int64,
            var t when t == typeof(ulong) => DataType.UInt64,
            var t when t == typeof(bool) => DataType.Bool,
            _ => throw new ArgumentException($"no ONNX element type for {typeof(T).Name}"),
        };

    public override string ToString() => $"{DataType.OnnxName()}[{string.Join(",", _dims)}]";
}
