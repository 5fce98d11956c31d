using System.Runtime.InteropServices;
using FsCheck.Xunit;
using Google.Protobuf;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Protos;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Tests.Support;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Graph.Tests;

/// <summary>
/// Reading a file lets large initializers share one buffer with the file's bytes instead of copying them
/// (InitializerDataSplitter), and writing sends them to the stream without protobuf's copies
/// (InitializerDataSplicer). Whatever the layout, reading must equal what protobuf alone gives (which
/// <see cref="ModelReader.Load(byte[], string?, string?)"/> still uses) and writing must give protobuf's bytes.
/// </summary>
public sealed class SharedInitializerDataTests
{
    private const int Large = InitializerDataSplitter.MinimumSharedBytes;

    [Fact]
    public void Large_initializers_of_a_file_share_one_buffer_and_small_ones_are_copied()
    {
        var model = ProtoModels.Model(Graph(Raw("w1", Large), Raw("bias", 16), Raw("w2", 3 * Large)));
        using var temp = new TempDirectory();
        string path = temp.File("m.onnx");
        File.WriteAllBytes(path, model.ToByteArray());

        var read = ModelReader.Load(path);

        var w1 = Segment(read, "w1");
        var w2 = Segment(read, "w2");
        Assert.Same(w1.Array, w2.Array);
        Assert.NotSame(w1.Array, Segment(read, "bias").Array);
        ModelAssert.Equal(ModelReader.Load(model.ToByteArray()), read);
    }

    [Fact]
    public void A_stream_is_read_the_same_way()
    {
        var model = ProtoModels.Model(Graph(Raw("w1", Large), Raw("w2", Large + 4)));
        using var stream = new MemoryStream(model.ToByteArray());

        var read = ModelReader.Load(stream);

        Assert.Same(Segment(read, "w1").Array, Segment(read, "w2").Array);
        ModelAssert.Equal(ModelReader.Load(model.ToByteArray()), read);
    }

    [Fact]
    public void Initializers_interleaved_with_other_graph_fields_keep_their_order()
    {
        // Two serialized graphs back to back are one graph to protobuf: nodes, initializers, nodes, initializers.
        var first = Graph(Raw("a", Large), Raw("b", 8));
        first.Node.Add(ProtoModels.Node("Identity", "n1", ["a"], "a1"));
        var second = new GraphProto();
        second.Initializer.Add(Raw("c", 2 * Large));
        second.Node.Add(ProtoModels.Node("Identity", "n2", ["c"], "c1"));
        second.Output.Add(new ValueInfoProto { Name = "c" });
        byte[] graphBytes = [.. first.ToByteArray(), .. second.ToByteArray()];
        byte[] file = ModelBytes(graphBytes);

        var read = AssertSameAsProtobuf(file, ["a", "b", "c"]);
        Assert.Same(Segment(read, "a").Array, Segment(read, "c").Array);
    }

    [Fact]
    public void Two_graph_fields_are_merged_as_protobuf_merges_them()
    {
        var extra = new ModelProto { Graph = new GraphProto() };
        extra.Graph.Initializer.Add(Raw("late", 2 * Large));
        byte[] file = [.. ProtoModels.Model(Graph(Raw("early", Large))).ToByteArray(), .. extra.ToByteArray()];

        // Not the layout the splitter handles: protobuf parses the whole file, and each tensor has its own copy.
        var read = AssertSameAsProtobuf(file, ["early", "late"]);
        Assert.NotSame(Segment(read, "early").Array, Segment(read, "late").Array);
    }

    [Fact]
    public void A_repeated_raw_data_field_keeps_the_last_one()
    {
        var last = Raw("t", Large);
        byte[] tensor = [.. Raw("t", Large, fill: 1).ToByteArray(), .. new TensorProto { RawData = last.RawData }.ToByteArray()];
        var graph = Graph();
        graph.Output.Add(new ValueInfoProto { Name = "t" });
        byte[] graphBytes = [.. graph.ToByteArray(), .. Field(5, tensor)];

        var read = AssertSameAsProtobuf(ModelBytes(graphBytes), ["t"]);
        Assert.Equal(last.RawData.ToByteArray(), read.Graph.FindValue("t")!.ConstValue!.Bytes.ToArray());
    }

    [Fact]
    public void Raw_data_wins_over_typed_fields_and_a_wrong_length_is_still_reported()
    {
        var both = Raw("t", Large);
        both.FloatData.Add(1f);
        AssertSameAsProtobuf(ProtoModels.Model(Graph(both)).ToByteArray(), ["t"]);

        var wrong = Raw("w", Large);
        wrong.Dims[0] = 3;
        using var temp = new TempDirectory();
        string path = temp.File("m.onnx");
        File.WriteAllBytes(path, ProtoModels.Model(Graph(wrong)).ToByteArray());
        var error = Assert.Throws<OnnxFormatException>(() => ModelReader.Load(path));
        Assert.Contains($"tensor 'w' has {Large} bytes of data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_files_fail_with_the_protobuf_message()
    {
        byte[] whole = ProtoModels.Model(Graph(Raw("w", 4 * Large))).ToByteArray();
        using var temp = new TempDirectory();
        string path = temp.File("cut.onnx");
        File.WriteAllBytes(path, whole[..(whole.Length - 100)]);

        var fromFile = Assert.Throws<OnnxFormatException>(() => ModelReader.Load(path));
        var fromBytes = Assert.Throws<OnnxFormatException>(() => ModelReader.Load(whole[..(whole.Length - 100)], displayName: path));
        Assert.Equal(fromBytes.Message, fromFile.Message);
    }

    [Property(MaxTest = 60)]
    public void Random_models_with_large_weights_read_from_a_file_equal_protobufs_reading(int seed)
    {
        var model = RandomModels.Create(seed);
        var rng = new Random(seed);
        for (int i = rng.Next(1, 4); i > 0; i--)
        {
            var weights = model.Graph.AddInitializer(model.Graph.UniqueName("big"), RandomTensors.Floats(rng, rng.Next(Large / 4, 3 * Large)));
            model.Graph.AddOutput(weights);
        }

        byte[] bytes = ModelWriter.ToBytes(model);
        using var temp = new TempDirectory();
        string path = temp.File("m.onnx");
        File.WriteAllBytes(path, bytes);

        var read = ModelReader.Load(path);

        ModelAssert.Equal(ModelReader.Load(bytes), read);
        Assert.Equal(bytes, ModelWriter.ToBytes(read));
    }

    [Property(MaxTest = 60)]
    public void Random_models_with_large_weights_are_written_with_protobufs_bytes(int seed, byte threshold)
    {
        var model = RandomModels.Create(seed);
        var rng = new Random(seed);
        for (int i = rng.Next(1, 4); i > 0; i--)
        {
            // Doc strings put a field numbered above raw_data's into the tensor, so the payload goes in between.
            var weights = RandomTensors.Floats(rng, rng.Next(Large / 4, 3 * Large));
            var value = model.Graph.AddInitializer(model.Graph.UniqueName("big"), rng.Next(2) == 0 ? weights.WithDocString("w" + i) : weights);
            model.Graph.AddOutput(value);
        }

        byte[] expected = ModelWriter.ToBytes(model);
        using var stream = new MemoryStream();
        ModelWriter.Save(model, stream);
        Assert.Equal(expected, stream.ToArray());

        using var temp = new TempDirectory();
        string path = temp.File("m.onnx");
        ModelWriter.Save(model, path);
        Assert.Equal(expected, File.ReadAllBytes(path));

        // With external data some large tensors stay inline (under the threshold) and the rest move out.
        string external = temp.File("x.onnx");
        ModelWriter.Save(model, external, new WriteOptions { ExternalData = true, ExternalDataThreshold = threshold * 16 });
        Assert.Equal(expected, ModelWriter.ToBytes(ModelReader.Load(external)));
    }

    private static Model AssertSameAsProtobuf(byte[] file, string[] initializers)
    {
        using var temp = new TempDirectory();
        string path = temp.File("m.onnx");
        File.WriteAllBytes(path, file);

        var read = ModelReader.Load(path);

        var expected = ModelReader.Load(file);
        Assert.Equal(initializers, read.Graph.Initializers.Select(v => v.Name));
        ModelAssert.Equal(expected, read);
        Assert.Equal(ModelWriter.ToBytes(expected), ModelWriter.ToBytes(read));
        return read;
    }

    private static ArraySegment<byte> Segment(Model model, string name)
    {
        Assert.True(MemoryMarshal.TryGetArray(model.Graph.FindValue(name)!.ConstValue!.Bytes, out var segment));
        return segment;
    }

    private static GraphProto Graph(params TensorProto[] initializers)
    {
        var graph = new GraphProto { Name = "main" };
        graph.Initializer.AddRange(initializers);
        foreach (var init in initializers)
        {
            graph.Output.Add(new ValueInfoProto { Name = init.Name });
        }

        return graph;
    }

    private static TensorProto Raw(string name, int bytes, byte fill = 0)
    {
        var tensor = ProtoModels.Tensor(name, DataType.UInt8, bytes);
        var data = new byte[bytes];
        for (int i = 0; i < bytes; i++)
        {
            data[i] = (byte)(fill + (i * 7) + name.Length);
        }

        tensor.RawData = ByteString.CopyFrom(data);
        return tensor;
    }

    private static byte[] ModelBytes(byte[] graphBytes)
    {
        var header = new ModelProto { IrVersion = 10 };
        header.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        return [.. header.ToByteArray(), .. Field(7, graphBytes)];
    }

    private static byte[] Field(int number, byte[] payload)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        output.WriteTag(number, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(payload));
        output.Flush();
        return stream.ToArray();
    }
}
