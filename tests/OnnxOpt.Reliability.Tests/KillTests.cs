using System.Diagnostics;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace OnnxOpt.Reliability.Tests;

/// <summary>
/// A real kill -9: `onnxopt optimize` on a large generated model runs as a child process and is killed (SIGKILL) at
/// seeded random moments, half of them while its temporary file is being written. After every kill the output
/// path holds the old file or the complete new one, never a mix; with external data the pair always loads as the
/// old model or the new one. The next complete run removes the killed runs' temporary files.
/// </summary>
public sealed class KillTests(ITestOutputHelper log)
{
    private const int WeightCount = 4 << 20;
    private const int Kills = 4;

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_killed_optimize_leaves_the_old_output_or_the_complete_new_one_and_the_next_run_cleans_up(bool externalData)
    {
        Skip.If(OperatingSystem.IsWindows(), "SIGKILL semantics are tested on Unix");
        using var temp = new TempDirectory();
        string model = Models.Save(Weights(WeightCount, seed: 1), temp.File("big.onnx"));
        string output = temp.File("out.onnx");
        string[] args = ["optimize", model, "-o", output, "--preset", "cleanup", .. (externalData ? new[] { "--external-data" } : [])];

        // The new result, from one complete run, and the old one that each killed run starts from.
        var watch = Stopwatch.StartNew();
        Assert.Equal(0, Start(args).WaitOrKill(TimeSpan.FromMinutes(2)));
        var full = watch.Elapsed;
        var expectedNew = Weight(output);
        var random = new Random(13);
        for (int i = 0; i < Kills; i++)
        {
            WriteOld(output, externalData);
            var run = Start(args);
            bool duringWrite = i % 2 == 1;
            var delay = TimeSpan.FromMilliseconds(random.NextDouble() * full.TotalMilliseconds * (duringWrite ? 0.01 : 1.1));
            if (duringWrite)
            {
                WaitForTemporaryFile(temp.Path, run, full * 2);
            }

            Thread.Sleep(delay);
            run.Kill();
            string state = Describe(output);
            log.WriteLine($"kill {i} {(duringWrite ? "after the temporary file appeared +" : "after start +")}{delay.TotalMilliseconds:F0} ms: {state}, temporaries {Directory.GetFiles(temp.Path, "*.tmp").Length}");
            Assert.True(state is "old" or "new", $"kill {i}: the output is {state}");
            if (state == "new")
            {
                Assert.Equal(expectedNew, Weight(output));
            }
        }

        Assert.Equal(0, Start(args).WaitOrKill(TimeSpan.FromMinutes(2)));
        Assert.Equal(expectedNew, Weight(output));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
        if (externalData)
        {
            Assert.Single(Directory.GetFiles(temp.Path, "out.onnx*.data"));
        }
    }

    /// <summary>y = x * w with <paramref name="count"/> seeded weights: large enough that writing it takes a while.</summary>
    private static Model Weights(int count, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)random.NextDouble();
        }

        var b = new ModelBuilder(opset: 17);
        var x = b.Input("x", DataType.Float, count);
        b.Output(b.Op("Mul", "scale", [x, b.Constant("w", Tensor.Create(values, count))]), "y");
        return b.Build();
    }

    private static void WriteOld(string output, bool externalData) =>
        ModelWriter.Save(Models.WithWeight(7f), output, new WriteOptions { ExternalData = externalData });

    /// <summary>"old", "new", or what else the output is: absent, unreadable, or a model of neither kind.</summary>
    private static string Describe(string output)
    {
        if (!File.Exists(output))
        {
            return "absent";
        }

        try
        {
            var weight = ModelReader.Load(output).Graph.FindValue("w")?.ConstValue;
            return weight?.ElementCount switch
            {
                1024 when weight.ToDoubleArray().All(v => v == 7.0) => "old",
                WeightCount => "new",
                _ => $"a model with {weight?.ElementCount} weights",
            };
        }
        catch (Exception e) when (e is InvalidDataException or IOException or Google.Protobuf.InvalidProtocolBufferException)
        {
            return $"unreadable ({e.Message})";
        }
    }

    private static (double First, double Last, long Count) Weight(string path)
    {
        var values = ModelReader.Load(path).Graph.FindValue("w")!.ConstValue!.ToDoubleArray();
        return (values[0], values[^1], values.Length);
    }

    private static void WaitForTemporaryFile(string folder, Child run, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (Directory.GetFiles(folder, ".out.onnx*.tmp").Length == 0 && !run.HasExited && watch.Elapsed < limit)
        {
            Thread.Sleep(1);
        }
    }

    private static Child Start(string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "onnxopt.dll"));
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return new Child(Process.Start(info)!);
    }

    /// <summary>A started onnxopt; its output is drained so a full pipe never blocks it.</summary>
    private sealed class Child
    {
        private readonly Process _process;

        public Child(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public bool HasExited => _process.HasExited;

        /// <summary>SIGKILL on Unix: no handler, no finally block, no flush runs.</summary>
        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            _process.WaitForExit();
            _process.Dispose();
        }

        public int WaitOrKill(TimeSpan limit)
        {
            if (!_process.WaitForExit(limit))
            {
                Kill();
                throw new TimeoutException($"onnxopt did not finish in {limit.TotalSeconds} s");
            }

            int code = _process.ExitCode;
            _process.Dispose();
            return code;
        }
    }
}
