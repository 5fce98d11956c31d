using System.Diagnostics;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Reliability.Tests;

/// <summary>
/// A full disk: a report or JSON written to /dev/full (a real ENOSPC from the kernel) and an ENOSPC injected into the
/// model writer's temporary files. Each is one `error:` line with exit 1; a failed model write leaves no partial
/// output (the old file, or none), no temporary file, and the input untouched.
/// </summary>
public sealed class FullDiskTests
{
    private const int Enospc = 28;

    [SkippableFact]
    public void A_report_to_dev_full_is_one_error_line_and_exit_1()
    {
        Skip.IfNot(File.Exists("/dev/full"), "no /dev/full on this system");
        using var temp = new TempDirectory();
        string model = Models.Save(Models.WithWeight(1f), temp.File("m.onnx"));

        var run = Run.Cli("optimize", model, "-o", temp.File("out.onnx"), "--preset", "cleanup", "--report", "/dev/full");

        run.AssertOneErrorLine(1);
        Assert.Contains("No space left on device", run.Error, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("check {0} --target trt10 --json")]
    [InlineData("inspect {0} --json")]
    [InlineData("optimize {0} -o {1} --preset cleanup --report -")]
    public void Json_on_a_standard_output_that_is_dev_full_is_one_error_line_and_exit_1(string command)
    {
        Skip.IfNot(File.Exists("/dev/full") && File.Exists("/bin/bash"), "no /dev/full or bash on this system");
        using var temp = new TempDirectory();
        string model = Models.Save(Models.WithWeight(1f), temp.File("m.onnx"));
        string dll = Path.Combine(AppContext.BaseDirectory, "onnxopt.dll");
        string args = string.Format(System.Globalization.CultureInfo.InvariantCulture, command, model, temp.File("out.onnx"));

        var run = Shell($"dotnet '{dll}' {args} > /dev/full");

        // With --report - the human-readable text moves to stderr by design; the failure is still one error line.
        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.ErrorLines, l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Contains("No space left on device", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(false, 2000)]
    [InlineData(true, 0)]
    [InlineData(true, 4100)]
    public void Enospc_in_the_model_writer_leaves_the_old_output_and_the_input_intact(bool externalData, long bytesBeforeFull)
    {
        using var temp = new TempDirectory();
        string model = Models.Save(Models.WithWeight(1f), temp.File("m.onnx"), new WriteOptions { ExternalData = externalData });
        string output = Models.Save(Models.WithWeight(7f), temp.File("out.onnx"), new WriteOptions { ExternalData = externalData });
        var before = Snapshot(temp.Path);

        Run run;
        var budget = new DiskBudget(bytesBeforeFull);
        AtomicFile.StreamFilter.Value = stream => new FullDiskStream(stream, budget);
        try
        {
            string[] args = externalData ? ["optimize", model, "-o", output, "--preset", "cleanup", "--external-data"] : ["optimize", model, "-o", output, "--preset", "cleanup"];
            run = Run.Cli(args);
        }
        finally
        {
            AtomicFile.StreamFilter.Value = null;
        }

        run.AssertOneErrorLine(1);
        Assert.Contains($"No space left on device : '{output}", run.Error, StringComparison.Ordinal);
        // Every file is as it was: the input and its data, the old output and its data; nothing new, no .tmp.
        Assert.Equal(before, Snapshot(temp.Path));
        Assert.Equal(7.0, ModelReader.Load(output).Graph.FindValue("w")!.ConstValue!.ToDoubleArray()[0]);
    }

    private static SortedDictionary<string, string> Snapshot(string folder) =>
        new(Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);

    private static Run Shell(string script)
    {
        var info = new ProcessStartInfo("/bin/bash") { RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        using var process = Process.Start(info)!;
        string stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), $"'{script}' did not finish in 120 s");
        return new Run(process.ExitCode, string.Empty, stderr);
    }

    /// <summary>How many bytes the simulated disk still takes, shared by every file of one write.</summary>
    private sealed class DiskBudget(long bytes)
    {
        public long Left { get; set; } = bytes;
    }

    /// <summary>Passes writes through until the budget is spent, then fails as a full disk does (IOException, HResult ENOSPC).</summary>
    private sealed class FullDiskStream(Stream inner, DiskBudget budget) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            int fits = (int)Math.Min(buffer.Length, budget.Left);
            inner.Write(buffer[..fits]);
            budget.Left -= fits;
            if (fits < buffer.Length)
            {
                // As .NET words it on Linux, with the file's name (here the temporary file's).
                throw new IOException($"No space left on device : '{(inner as FileStream)?.Name}'", Enospc);
            }
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
