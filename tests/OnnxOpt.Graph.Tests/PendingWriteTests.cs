using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Graph.Tests;

/// <summary>Writing under a temporary name and renaming later: nothing appears before the commit, nothing is left behind without it.</summary>
public sealed class PendingWriteTests
{
    [Fact]
    public void Commit_replaces_the_destination_and_leaves_no_temporary_file()
    {
        using var temp = new TempDirectory();
        string path = temp.File("out.bin");
        File.WriteAllText(path, "old");

        using (var pending = AtomicFile.WritePending(path, s => s.Write("new!"u8)))
        {
            Assert.Equal("old", File.ReadAllText(path));
            Assert.Equal(4, pending.Bytes);
            pending.Commit();
        }

        Assert.Equal("new!", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Disposing_without_commit_deletes_the_temporary_file_and_keeps_the_old_one()
    {
        using var temp = new TempDirectory();
        string path = temp.File("out.bin");
        File.WriteAllText(path, "old");

        AtomicFile.WritePending(path, s => s.Write("new"u8)).Dispose();

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void A_failed_write_leaves_nothing()
    {
        using var temp = new TempDirectory();

        Assert.Throws<InvalidOperationException>(() => AtomicFile.WritePending(temp.File("out.bin"), _ => throw new InvalidOperationException("disk full")));

        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void External_data_is_renamed_before_the_model_and_both_vanish_without_commit()
    {
        var b = new ModelBuilder();
        var x = b.Input("x", DataType.Float, 1, 4);
        b.Output(b.Op("Add", [x, b.Constant("w", Tensor.FromBytes(DataType.Float, [1, 4], new byte[16]))]), "y");
        using var temp = new TempDirectory();
        string path = temp.File("m.onnx");
        var options = new WriteOptions { ExternalData = true, ExternalDataThreshold = 0 };

        ModelWriter.SavePending(b.Model, path, options).Dispose();
        Assert.Empty(Directory.GetFiles(temp.Path));

        using (var pending = ModelWriter.SavePending(b.Model, path, options))
        {
            Assert.Equal([path + ".data", path], pending.Destinations);
            Assert.Equal(Directory.GetFiles(temp.Path).Sum(f => new FileInfo(f).Length), pending.Bytes);
            pending.Commit();
        }

        Assert.Equal(new[] { "m.onnx", "m.onnx.data" }, Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(16, ModelReader.Load(path).Graph.FindValue("w")!.ConstValue!.Bytes.Length);
    }
}
