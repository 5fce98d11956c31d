using System.Runtime.InteropServices;
using FsCheck.Xunit;
using Google.Protobuf;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Protos;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Tests.Support;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Graph.Tests;

/// <summary>The typed data fields of TensorProto become the same little-endian bytes that raw_data would hold.</summary>
public sealed class TensorDataTests
{
    // NaN with a payload, signalling NaN, -0, smallest and largest subnormal, +inf, -inf, 1.0, largest normal.
    private static readonly ushort[] Float16Specials = [0x7E01, 0x7C01, 0xFC05, 0x8000, 0x0001, 0x03FF, 0x7C00, 0xFC00, 0x3C00, 0x7BFF];

    private static readonly ushort[] BFloat16Specials = [0x7FC1, 0x7F81, 0xFF85, 0x8000, 0x0001, 0x007F, 0x7F80, 0xFF80, 0x3F80, 0x7F7F];

    [Fact]
    public void Float_data_is_read_bit_exactly()
    {
        float[] values = [1.5f, -2f, BitConverter.Int32BitsToSingle(0x7FC0_1234), -0f, float.Epsilon];
        var proto = ProtoModels.Tensor("t", DataType.Float, 5);
        proto.FloatData.AddRange(values);

        var tensor = ProtoModels.ReadInitializer(ProtoModels.WithInitializer(proto), "t");

        Assert.Equal(MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), tensor.Bytes.ToArray());
    }

    [Fact]
    public void Complex64_float_data_holds_two_floats_per_element()
    {
        var proto = ProtoModels.Tensor("c", DataType.Complex64, 2);
        proto.FloatData.AddRange([1f, 2f, 3f, 4f]);

        var tensor = ProtoModels.ReadInitializer(ProtoModels.WithInitializer(proto), "c");

        Assert.Equal([1f, 2f, 3f, 4f], tensor.ToArray<float>());
    }

    [Fact]
    public void Int32_data_is_read_for_int32()
    {
        var proto = ProtoModels.Tensor("t", DataType.Int32, 3);
        proto.Int32Data.AddRange([int.MinValue, -1, int.MaxValue]);

        Assert.Equal([int.MinValue, -1, int.MaxValue], ProtoModels.ReadInitializer(ProtoModels.WithInitializer(proto), "t").ToArray<int>());
    }

    [Fact]
    public void Int32_data_holds_float16_and_bfloat16_bit_patterns_one_per_entry()
    {
        foreach (var (type, bits) in new[] { (DataType.Float16, Float16Specials), (DataType.BFloat16, BFloat16Specials) })
        {
            var proto = ProtoModels.Tensor("h", type, bits.Length);
            proto.Int32Data.AddRange(bits.Select(b => (int)b));

            var tensor = ProtoModels.ReadInitializer(ProtoModels.WithInitializer(proto), "h");

            Assert.Equal(bits, tensor.ToArray<ushort>());
        }
    }

    [Fact]
    public void Int32_data_holds_bool_int8_and_uint16_one_per_entry()
    {
        var b = ProtoModels.Tensor("b", DataType.Bool, 3);
        b.Int32Data.AddRange([1, 0, 1]);
        var i8 = ProtoModels.Tensor("i8", DataType.Int8, 3);
        i8.Int32Data.AddRange([-128, -1, 127]);
        var u16 = ProtoModels.Tensor("u16", DataType.UInt16, 3);
        u16.Int32Data.AddRange([65535, 0, 1234]);

        Assert.Equal([true, false, true], ProtoModels.ReadInitializer(ProtoModels.WithInitializer(b), "b").ToArray<bool>());
        Assert.Equal([(sbyte)-128, (sbyte)-1, (sbyte)127], ProtoModels.ReadInitializer(ProtoModels.WithInitializer(i8), "i8").ToArray<sbyte>());
        Assert.Equal([(ushort)65535, (ushort)0, (ushort)1234], ProtoModels.ReadInitializer(ProtoModels.WithInitializer(u16), "u16").ToArray<ushort>());
    }

    [Fact]
    public void Int32_data_holds_int4_as_packed_bytes_low_nibble_first()
    {
        // Elements 1, -2, 3, -8, 7: pairs share a byte, the first element in the low nibble; the odd last one is alone.
        var proto = ProtoModels.Tensor("q", DataType.Int4, 5);
        proto.Int32Data.AddRange([0xE1, 0x83, 0x07]);

        var tensor = ProtoModels.ReadInitializer(ProtoModels.WithInitializer(proto), "q");

        Assert.Equal(3, tensor.ByteLength);
        Assert.Equal(new byte[] { 0xE1, 0x83, 0x07 }, tensor.Bytes.ToArray());
    }

    [Fact]
    public void Int64_data_is_read()
    {
        var proto = ProtoModels.Tensor("t", DataType.Int64, 3);
        proto.Int64Data.AddRange([long.MinValue, -1, long.MaxValue]);

        Assert.Equal([long.MinValue, -1, long.MaxValue], ProtoModels.ReadInitializer(ProtoModels.WithInitializer(proto), "t").ToArray<long>());
    }

    [Fact]
    public void Double_data_is_read_bit_exactly()
    {
        double[] values = [Math.PI, -0.0, BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_ABCD), double.Epsilon];
        var proto = ProtoModels.Tensor("d", DataType.Double, 2, 2);
        proto.DoubleData.AddRange(values);

        var tensor = ProtoModels.ReadInitializer(ProtoModels.WithInitializer(proto), "d");

        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), tensor.ToArray<double>().Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Uint64_data_is_read_for_uint32_and_uint64()
    {
        var u32 = ProtoModels.Tensor("u32", DataType.UInt32, 3);
        u32.Uint64Data.AddRange([uint.MaxValue, 0, 7]);
        var u64 = ProtoModels.Tensor("u64", DataType.UInt64, 2);
        u64.Uint64Data.AddRange([ulong.MaxValue, 1]);

        Assert.Equal([uint.MaxValue, 0u, 7u], ProtoModels.ReadInitializer(ProtoModels.WithInitializer(u32), "u32").ToArray<uint>());
        Assert.Equal([ulong.MaxValue, 1ul], ProtoModels.ReadInitializer(ProtoModels.WithInitializer(u64), "u64").ToArray<ulong>());
    }

    [Fact]
    public void String_data_is_read_as_bytes_even_when_not_utf8()
    {
        var proto = ProtoModels.Tensor("s", DataType.String, 3);
        proto.StringData.Add(ByteString.Empty);
        proto.StringData.Add(ByteString.CopyFromUtf8("abc"));
        proto.StringData.Add(ByteString.CopyFrom(0xFF, 0xFE));

        var tensor = ProtoModels.ReadInitializer(ProtoModels.WithInitializer(proto), "s");

        Assert.Equal(new[] { Array.Empty<byte>(), "abc"u8.ToArray(), new byte[] { 0xFF, 0xFE } }, tensor.Strings);
        Assert.Equal(0, tensor.ByteLength);
    }

    [Fact]
    public void Typed_tensors_come_back_bit_exactly_after_a_round_trip_through_raw_data()
    {
        var f16 = ProtoModels.Tensor("h", DataType.Float16, Float16Specials.Length);
        f16.Int32Data.AddRange(Float16Specials.Select(b => (int)b));
        var dbl = ProtoModels.Tensor("d", DataType.Double, 1);
        dbl.DoubleData.Add(BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001));
        var graph = new GraphProto { Name = "main" };
        graph.Initializer.AddRange([f16, dbl]);
        graph.Output.Add(new ValueInfoProto { Name = "h" });
        var first = ModelReader.Load(ProtoModels.Model(graph).ToByteArray());

        var second = ModelReader.Load(ModelWriter.ToBytes(first));

        Assert.Equal(Float16Specials, second.Graph.FindValue("h")!.ConstValue!.ToArray<ushort>());
        Assert.Equal(0x7FF0_0000_0000_0001, BitConverter.DoubleToInt64Bits(second.Graph.FindValue("d")!.ConstValue!.ToArray<double>()[0]));
    }

    [Theory]
    [InlineData(DataType.Float, 3)]
    [InlineData(DataType.Int4, 4)]
    [InlineData(DataType.String, 2)]
    public void Data_that_does_not_match_the_shape_is_refused_with_the_tensor_name(DataType type, int dim)
    {
        var proto = ProtoModels.Tensor("short_one", type, dim);
        proto.FloatData.Add(1f);
        proto.Int32Data.Add(1);
        proto.StringData.Add(ByteString.Empty);

        var error = Assert.Throws<OnnxFormatException>(() => ProtoModels.ReadInitializer(ProtoModels.WithInitializer(proto), "short_one"));

        Assert.Contains("short_one", error.Message);
    }

    [Fact]
    public void A_shape_whose_element_count_overflows_is_refused_rather_than_wrapped_to_zero()
    {
        // 2^32 * 2^32 wraps to 0 in 64-bit arithmetic, which would match empty raw data.
        var proto = ProtoModels.Tensor("huge", DataType.Float, 1L << 32, 1L << 32);
        proto.RawData = ByteString.Empty;

        var error = Assert.Throws<OnnxFormatException>(() => ProtoModels.ReadInitializer(ProtoModels.WithInitializer(proto), "huge"));

        Assert.Contains("huge", error.Message);
    }

    [Property(MaxTest = 200)]
    public void Float16_and_bfloat16_bit_patterns_are_kept_through_files_with_and_without_external_data(ushort[] bits, bool bfloat)
    {
        var type = bfloat ? DataType.BFloat16 : DataType.Float16;
        var b = new ModelBuilder();
        var x = b.Input("x", type, bits.Length);
        var w = b.Constant("w", Tensor.FromBytes(type, [bits.Length], MemoryMarshal.AsBytes(bits.AsSpan()).ToArray()));
        b.Output(b.Op("Add", [x, w]), "y", type);
        var model = b.Build();

        var fromBytes = ModelReader.Load(ModelWriter.ToBytes(model));
        using var temp = new TempDirectory();
        string path = temp.File("m.onnx");
        ModelWriter.Save(model, path, new WriteOptions { ExternalData = true, ExternalDataThreshold = 0 });
        var fromFile = ModelReader.Load(path);

        Assert.Equal(bits, fromBytes.Graph.FindValue("w")!.ConstValue!.ToArray<ushort>());
        Assert.Equal(bits, fromFile.Graph.FindValue("w")!.ConstValue!.ToArray<ushort>());
    }

    [Fact]
    public void Half_values_keep_their_bits_through_Tensor_Create()
    {
        var halves = Float16Specials.Select(BitConverter.UInt16BitsToHalf).ToArray();
        var model = new ModelBuilder();
        model.Output(model.Constant("h", Tensor.Create(halves, halves.Length)));

        var read = ModelReader.Load(ModelWriter.ToBytes(model.Build()));

        Assert.Equal(Float16Specials, read.Graph.FindValue("h")!.ConstValue!.Span<Half>().ToArray().Select(BitConverter.HalfToUInt16Bits));
    }
}
