using FsCheck.Xunit;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Tests.Support;
using OnnxOpt.Graph.Text;
using OnnxOpt.Graph.Verification;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Graph.Tests;

public sealed class RoundTripPropertyTests
{
    [Property(MaxTest = 150)]
    public void Random_models_survive_write_and_read_with_equal_structure_and_bytes(int seed)
    {
        var model = RandomModels.Create(seed);
        Assert.DoesNotContain(GraphVerifier.Verify(model), d => d.IsError);

        byte[] written = ModelWriter.ToBytes(model);
        var read = ModelReader.Load(written);

        ModelAssert.Equal(model, read);
        Assert.Equal(GraphPrinter.Print(model), GraphPrinter.Print(read));
        Assert.Equal(written, ModelWriter.ToBytes(read));
        Assert.DoesNotContain(GraphVerifier.Verify(read), d => d.IsError);
    }

    [Property(MaxTest = 40)]
    public void Random_models_survive_a_file_with_external_data(int seed, byte threshold)
    {
        var model = RandomModels.Create(seed);
        byte[] inline = ModelWriter.ToBytes(model);
        using var temp = new TempDirectory();
        string path = temp.File("model.onnx");

        ModelWriter.Save(model, path, new WriteOptions { ExternalData = true, ExternalDataThreshold = threshold });
        var read = ModelReader.Load(path);

        ModelAssert.Equal(model, read);
        Assert.Equal(inline, ModelWriter.ToBytes(read));
    }

    [Property(MaxTest = 40)]
    public void Stream_and_file_writers_give_the_bytes_of_ToBytes(int seed)
    {
        var model = RandomModels.Create(seed);
        byte[] expected = ModelWriter.ToBytes(model);
        using var stream = new MemoryStream();
        ModelWriter.Save(model, stream);
        Assert.Equal(expected, stream.ToArray());

        using var temp = new TempDirectory();
        string path = temp.File("model.onnx");
        ModelWriter.Save(model, path);
        Assert.Equal(expected, File.ReadAllBytes(path));
        stream.Position = 0;
        Assert.Equal(expected, ModelWriter.ToBytes(ModelReader.Load(stream)));
    }
}
