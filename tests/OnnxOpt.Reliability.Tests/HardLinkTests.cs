using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Reliability.Tests;

/// <summary>Class 9: an external data file with several hard links may be a file from outside the folder: refused unless allowed.</summary>
public sealed class HardLinkTests
{
    [SkippableFact]
    public void A_hard_linked_data_file_is_refused_unless_allowed()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "hard-link counts are read with stat");
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("model"));
        string model = Models.Save(Models.WithWeight(1f), temp.File("model/m.onnx"), new WriteOptions { ExternalData = true });

        // Stands for "a file outside the folder, linked in": the data file now has a second name outside it.
        BlockingReadTests.Shell("ln", temp.File("model/m.onnx.data"), temp.File("outside.bin"));

        var error = Assert.Throws<OnnxFormatException>(() => ModelReader.Load(model));
        Assert.Contains("hard links", error.Message, StringComparison.Ordinal);
        Run.Cli("inspect", model).AssertOneErrorLine(1);
        Assert.Equal(0, Run.Cli("inspect", model, "--allow-hardlinks").ExitCode);
    }
}
