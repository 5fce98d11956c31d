using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Reliability.Tests;

/// <summary>Class 8: leftovers of killed runs are cleaned by later runs; dump folders never mix runs.</summary>
public sealed class StaleFileTests
{
    [Fact]
    public void Temporary_files_of_dead_processes_are_removed_by_the_next_write_and_live_ones_are_kept()
    {
        using var temp = new TempDirectory();
        string model = Models.Save(Models.WithWeight(1f), temp.File("m.onnx"));
        string dead = temp.File($".out.onnx.{int.MaxValue - 7}.{Guid.NewGuid():N}.tmp");
        string live = temp.File($".out.onnx.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(dead, "left by a killed run");
        File.WriteAllText(live, "being written right now");

        var run = Run.Cli("optimize", model, "-o", temp.File("out.onnx"), "--preset", "cleanup");

        Assert.Equal(0, run.ExitCode);
        Assert.False(File.Exists(dead), "a dead process's temporary file was left behind");
        Assert.True(File.Exists(live), "a running process's temporary file was removed");
    }

    [Fact]
    public void Temporary_data_files_of_dead_processes_are_removed_by_the_next_write_of_the_model()
    {
        // A kill while the data file was written leaves its temporary; its name holds the run's random data name,
        // which no later run repeats, so the model's own write must clean it (found by KillTests).
        using var temp = new TempDirectory();
        string model = Models.Save(Models.WithWeight(1f), temp.File("m.onnx"));
        string[] dead =
        [
            temp.File($".out.onnx.data.{int.MaxValue - 7}.{Guid.NewGuid():N}.tmp"),
            temp.File($".out.onnx.1a2b3c4d.data.{int.MaxValue - 7}.{Guid.NewGuid():N}.tmp"),
        ];
        foreach (string file in dead)
        {
            File.WriteAllText(file, "left by a killed run");
        }

        var run = Run.Cli("optimize", model, "-o", temp.File("out.onnx"), "--preset", "cleanup", "--external-data");

        Assert.Equal(0, run.ExitCode);
        Assert.All(dead, f => Assert.False(File.Exists(f), $"{Path.GetFileName(f)} was left behind"));
    }

    [Fact]
    public void A_dump_folder_holds_only_the_latest_runs_dumps()
    {
        using var temp = new TempDirectory();
        string model = Models.Save(Models.WithWeight(1f), temp.File("m.onnx"));
        string dumps = temp.File("dumps");
        Directory.CreateDirectory(dumps);
        File.WriteAllText(Path.Combine(dumps, "007-old-pass.txt"), "earlier run");
        File.WriteAllText(Path.Combine(dumps, "notes.md"), "the user's own file");

        var run = Run.Cli("optimize", model, "-o", temp.File("out.onnx"), "--pipeline", "cse", "--dump-dir", dumps);

        Assert.Equal(0, run.ExitCode);
        Assert.False(File.Exists(Path.Combine(dumps, "007-old-pass.txt")));
        Assert.True(File.Exists(Path.Combine(dumps, "notes.md")));
        Assert.True(File.Exists(Path.Combine(dumps, "000-input.txt")));
    }
}
