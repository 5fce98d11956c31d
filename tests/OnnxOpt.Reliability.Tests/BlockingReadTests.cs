using System.Diagnostics;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Reliability.Tests;

/// <summary>Class 3: only regular files are read as external data; devices are not models; nothing blocks or grows without bound.</summary>
public sealed class BlockingReadTests
{
    [SkippableFact]
    public void External_data_that_is_a_fifo_is_refused_at_once()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "FIFOs are made with mkfifo");
        using var temp = new TempDirectory();
        string model = temp.File("m.onnx");
        File.WriteAllBytes(model, EmptyExternalTensorModel("weights.bin"));
        Shell("mkfifo", temp.File("weights.bin"));

        var run = Task.Run(() => Run.Cli("convert", model, "-o", temp.File("out.onnx")));
        Assert.True(run.Wait(TimeSpan.FromSeconds(30)), "convert blocked on the FIFO");
        run.Result.AssertOneErrorLine(1);
        Assert.Contains("FIFO", run.Result.Error, StringComparison.Ordinal);
    }

    /// <summary>y = Identity(x) and an empty float initializer stored externally at <paramref name="location"/>: its length 0 matches any file.</summary>
    internal static byte[] EmptyExternalTensorModel(string location)
    {
        var b = new OnnxOpt.Graph.Building.ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, 2);
        b.Constant("e", Tensor.Create(Array.Empty<float>(), 0));
        b.Output(b.Op("Identity", "id", [x]), "y");
        var proto = OnnxOpt.Graph.Protos.ModelProto.Parser.ParseFrom(ModelWriter.ToBytes(b.Build()));
        var tensor = proto.Graph.Initializer.Single(t => t.Name == "e");
        tensor.ClearRawData();
        tensor.DataLocation = OnnxOpt.Graph.Protos.TensorProto.Types.DataLocation.External;
        tensor.ExternalData.Add(new OnnxOpt.Graph.Protos.StringStringEntryProto { Key = "location", Value = location });
        return Google.Protobuf.MessageExtensions.ToByteArray(proto);
    }

    [SkippableFact]
    public void Inspecting_a_device_fails_at_once_with_one_line()
    {
        Skip.IfNot(File.Exists("/dev/zero"), "needs /dev/zero");
        var run = Task.Run(() => Run.Cli("inspect", "/dev/zero"));
        Assert.True(run.Wait(TimeSpan.FromSeconds(20)), "inspect /dev/zero kept reading");
        run.Result.AssertOneErrorLine(1);
        Assert.Contains("character device", run.Result.Error, StringComparison.Ordinal);
    }

    internal static void Shell(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
