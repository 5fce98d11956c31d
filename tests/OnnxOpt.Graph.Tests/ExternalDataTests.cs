using Google.Protobuf;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Protos;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Tests.Support;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Graph.Tests;

public sealed class ExternalDataTests
{
    private static readonly string[] ExternalNames = ["mid", "big", "odd"];

    [Fact]
    public void Big_tensors_go_to_the_data_file_at_aligned_offsets_and_small_ones_stay_inline()
    {
        var model = SampleModel();
        using var temp = new TempDirectory();
        string path = temp.File("model.onnx");

        ModelWriter.Save(model, path, new WriteOptions { ExternalData = true, ExternalDataThreshold = 100 });

        var proto = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        byte[] data = File.ReadAllBytes(path + ".data");
        foreach (var tensor in proto.Graph.Initializer)
        {
            var original = model.Graph.FindValue(tensor.Name)!.ConstValue!;
            if (!ExternalNames.Contains(tensor.Name))
            {
                Assert.NotEqual(TensorProto.Types.DataLocation.External, tensor.DataLocation);
                Assert.Equal(original.Bytes.ToArray(), tensor.RawData.ToByteArray());
                continue;
            }

            Assert.Equal(TensorProto.Types.DataLocation.External, tensor.DataLocation);
            Assert.False(tensor.HasRawData);
            var entries = tensor.ExternalData.ToDictionary(e => e.Key, e => e.Value);
            Assert.Equal("model.onnx.data", entries["location"]);
            long offset = long.Parse(entries["offset"]);
            Assert.Equal(0, offset % 64);
            Assert.Equal(original.ByteLength, long.Parse(entries["length"]));
            Assert.Equal(original.Bytes.ToArray(), data.AsSpan((int)offset, (int)original.ByteLength).ToArray());
        }
    }

    [Fact]
    public void External_data_is_read_back_lazily_and_equal()
    {
        var model = SampleModel();
        using var temp = new TempDirectory();
        string path = temp.File("model.onnx");
        ModelWriter.Save(model, path, new WriteOptions { ExternalData = true, ExternalDataThreshold = 100 });

        var read = ModelReader.Load(path);

        var big = read.Graph.FindValue("big")!.ConstValue!;
        Assert.False(big.IsLoaded);
        Assert.Equal("model.onnx.data", big.External!.RelativeLocation);
        ModelAssert.Equal(model, read);
        Assert.True(big.IsLoaded);
        Assert.Equal(ModelWriter.ToBytes(model), ModelWriter.ToBytes(read));
    }

    [Fact]
    public void An_external_tensor_reshapes_without_loading_only_to_the_same_element_count()
    {
        using var temp = new TempDirectory();
        string path = temp.File("model.onnx");
        ModelWriter.Save(SampleModel(), path, new WriteOptions { ExternalData = true, ExternalDataThreshold = 100 });
        var big = ModelReader.Load(path).Graph.FindValue("big")!.ConstValue!;

        var reshaped = big.Reshape([10, 25]);

        Assert.False(reshaped.IsLoaded);
        Assert.Equal(big.Bytes.ToArray(), reshaped.Bytes.ToArray());
        Assert.Throws<ArgumentException>(() => ModelReader.Load(path).Graph.FindValue("big")!.ConstValue!.Reshape([10, 26]));
    }

    [Fact]
    public void A_model_with_external_data_can_be_saved_again_elsewhere_without_loading_its_tensors()
    {
        var model = SampleModel();
        using var temp = new TempDirectory();
        string first = temp.File("a/model.onnx");
        string second = temp.File("b/copy.onnx");
        ModelWriter.Save(model, first, new WriteOptions { ExternalData = true, ExternalDataThreshold = 100 });
        var read = ModelReader.Load(first);

        ModelWriter.Save(read, second, new WriteOptions { ExternalData = true, ExternalDataThreshold = 100, ExternalDataFileName = "weights/copy.bin" });

        Assert.False(read.Graph.FindValue("big")!.ConstValue!.IsLoaded);
        Assert.True(File.Exists(temp.File("b/weights/copy.bin")));
        ModelAssert.Equal(model, ModelReader.Load(second));
    }

    [Fact]
    public void Saving_over_the_data_file_a_model_still_reads_from_keeps_its_tensors_right()
    {
        var model = SampleModel();
        using var temp = new TempDirectory();
        string path = temp.File("model.onnx");
        ModelWriter.Save(model, path, new WriteOptions { ExternalData = true, ExternalDataThreshold = 100 });
        var read = ModelReader.Load(path);

        // A different threshold moves 'big' from offset 256 to 0 in the new data file.
        ModelWriter.Save(read, path, new WriteOptions { ExternalData = true, ExternalDataThreshold = 300 });

        ModelAssert.Equal(model, read);
        ModelAssert.Equal(model, ModelReader.Load(path));
    }

    [Theory]
    [InlineData("/etc/passwd", "must be a relative path")]
    [InlineData("../x.bin", "uses '..'")]
    [InlineData("a/../../x.bin", "uses '..'")]
    [InlineData("sub\\..\\..\\x.bin", "uses '..'")]
    [InlineData("C:x.bin", "must be a relative path")]
    public void Locations_outside_the_model_folder_are_refused(string location, string expected)
    {
        using var temp = new TempDirectory();
        string path = WriteExternalModel(temp, location, offset: null, length: null);

        var error = Assert.Throws<OnnxFormatException>(() => ModelReader.Load(path));

        Assert.Contains(expected, error.Message);
        Assert.Contains("'w'", error.Message);
    }

    [Fact]
    public void A_symbolic_link_to_a_file_outside_the_folder_is_refused()
    {
        using var outside = new TempDirectory();
        File.WriteAllBytes(outside.File("secret.bin"), new byte[16]);
        using var temp = new TempDirectory();
        File.CreateSymbolicLink(temp.File("link.bin"), outside.File("secret.bin"));
        string path = WriteExternalModel(temp, "link.bin", null, null);

        var error = Assert.Throws<OnnxFormatException>(() => ModelReader.Load(path));

        Assert.Contains("symbolic link", error.Message);
    }

    [Fact]
    public void A_symbolically_linked_folder_is_refused()
    {
        using var outside = new TempDirectory();
        File.WriteAllBytes(outside.File("w.bin"), new byte[16]);
        using var temp = new TempDirectory();
        Directory.CreateSymbolicLink(temp.File("sub"), outside.Path);
        string path = WriteExternalModel(temp, "sub/w.bin", null, null);

        var error = Assert.Throws<OnnxFormatException>(() => ModelReader.Load(path));

        Assert.Contains("symbolic link", error.Message);
    }

    [Fact]
    public void A_dangling_symbolic_link_is_refused_as_a_link()
    {
        using var temp = new TempDirectory();
        File.CreateSymbolicLink(temp.File("gone.bin"), "/nonexistent/onnxopt/target.bin");
        string path = WriteExternalModel(temp, "gone.bin", null, null);

        var error = Assert.Throws<OnnxFormatException>(() => ModelReader.Load(path));

        Assert.Contains("symbolic link", error.Message);
    }

    [Fact]
    public void A_missing_data_file_is_reported()
    {
        using var temp = new TempDirectory();
        string path = WriteExternalModel(temp, "missing.bin", null, null);

        var error = Assert.Throws<OnnxFormatException>(() => ModelReader.Load(path));

        Assert.Contains("'missing.bin' does not exist", error.Message);
    }

    [Theory]
    [InlineData(10, 0L, 16L, "too short")]
    [InlineData(16, 8L, 16L, "too short")]
    [InlineData(16, long.MaxValue, 16L, "too short")]
    [InlineData(32, 0L, 12L, "does not match the 16 bytes")]
    [InlineData(10, 0L, null, "does not match the 16 bytes")]
    [InlineData(16, -1L, 16L, "negative")]
    public void Data_files_that_do_not_hold_the_tensor_are_refused(int fileLength, long offset, long? length, string expected)
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("w.bin"), new byte[fileLength]);
        string path = WriteExternalModel(temp, "w.bin", offset, length);

        var error = Assert.Throws<OnnxFormatException>(() => ModelReader.Load(path));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void An_offset_that_is_not_a_number_is_refused()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("w.bin"), new byte[16]);
        var proto = ExternalModel("w.bin", null, null);
        proto.Graph.Initializer[0].ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = "12abc" });
        string path = temp.File("m.onnx");
        File.WriteAllBytes(path, proto.ToByteArray());

        var error = Assert.Throws<OnnxFormatException>(() => ModelReader.Load(path));

        Assert.Contains("'12abc' is not a number", error.Message);
    }

    [Fact]
    public void Loading_external_data_from_bytes_without_a_folder_says_to_load_from_a_path()
    {
        var error = Assert.Throws<OnnxFormatException>(() => ModelReader.Load(ExternalModel("w.bin", null, null).ToByteArray()));

        Assert.Contains("load the model from a path", error.Message);
    }

    [Fact]
    public void A_data_file_that_shrinks_after_loading_gives_a_format_error_on_first_use()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("w.bin"), new byte[16]);
        var model = ModelReader.Load(WriteExternalModel(temp, "w.bin", 0, 16));
        File.WriteAllBytes(temp.File("w.bin"), new byte[4]);

        var error = Assert.Throws<OnnxFormatException>(() => model.Graph.FindValue("w")!.ConstValue!.Bytes);

        Assert.Contains("ended early", error.Message);
    }

    [Theory]
    [InlineData("/tmp/abs.data")]
    [InlineData("../up.data")]
    [InlineData("")]
    public void The_writer_refuses_data_file_names_a_reader_would_refuse(string name)
    {
        using var temp = new TempDirectory();

        Assert.Throws<ArgumentException>(() => ModelWriter.Save(SampleModel(), temp.File("m.onnx"), new WriteOptions { ExternalData = true, ExternalDataFileName = name }));
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    private static Model SampleModel()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", DataType.Float, 250);

        // 200 bytes: external at threshold 100 but inline at 300, which shifts every later offset.
        b.Constant("mid", Tensor.Create(Enumerable.Range(0, 100).Select(i => (short)-i).ToArray(), 100));
        var big = b.Constant("big", Tensor.Create(Enumerable.Range(0, 250).Select(i => i * 0.5f).ToArray(), 250));
        var small = b.Constant("small", Tensor.Create(new float[] { 1, 2, 3 }, 3));
        var odd = b.Constant("odd", Tensor.Create(Enumerable.Range(0, 333).Select(i => (byte)i).ToArray(), 333));
        b.Constant("names", Tensor.FromStrings([2], ["a"u8.ToArray(), "bc"u8.ToArray()]));
        var y = b.Op("Add", [x, big]);
        b.Output(b.Op("Mul", [y, small]), "y", DataType.Float, 250);
        b.Output(b.Op("Identity", [odd]), "z", DataType.UInt8, 333);
        return b.Build();
    }

    /// <summary>Writes m.onnx into <paramref name="temp"/> with one float[4] initializer 'w' stored at <paramref name="location"/>.</summary>
    private static string WriteExternalModel(TempDirectory temp, string location, long? offset, long? length)
    {
        string path = temp.File("m.onnx");
        File.WriteAllBytes(path, ExternalModel(location, offset, length).ToByteArray());
        return path;
    }

    private static ModelProto ExternalModel(string location, long? offset, long? length)
    {
        var tensor = ProtoModels.Tensor("w", DataType.Float, 4);
        tensor.DataLocation = TensorProto.Types.DataLocation.External;
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        if (offset is { } o)
        {
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = o.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        if (length is { } l)
        {
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = l.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        return ProtoModels.WithInitializer(tensor);
    }
}
