using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Reliability.Tests;

/// <summary>Class 5: a model and its data file are committed so that a crash between the renames leaves a consistent pair.</summary>
public sealed class PairCommitTests
{
    [Fact]
    public void A_crash_between_the_data_rename_and_the_model_rename_leaves_the_old_pair_loadable()
    {
        using var temp = new TempDirectory();
        string path = Models.Save(Models.WithWeight(1f), temp.File("m.onnx"), new WriteOptions { ExternalData = true });

        // The fault: the new data file is in place, then the process dies before the model is renamed.
        using (var pending = ModelWriter.SavePending(Models.WithWeight(2f), path, new WriteOptions { ExternalData = true }))
        {
            pending.CommitFirst(1);
        }

        Assert.Equal(1.0, Weight(path));
    }

    [Fact]
    public void A_completed_write_points_at_new_data_and_removes_the_old_data_file()
    {
        using var temp = new TempDirectory();
        string path = Models.Save(Models.WithWeight(1f), temp.File("m.onnx"), new WriteOptions { ExternalData = true });

        Models.Save(Models.WithWeight(2f), path, new WriteOptions { ExternalData = true });
        Assert.Equal(2.0, Weight(path));
        Models.Save(Models.WithWeight(3f), path, new WriteOptions { ExternalData = true });
        Assert.Equal(3.0, Weight(path));

        Assert.Single(Directory.GetFiles(temp.Path, "m.onnx.*data"));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }

    private static double Weight(string path) => ModelReader.Load(path).Graph.FindValue("w")!.ConstValue!.ToDoubleArray()[0];
}
