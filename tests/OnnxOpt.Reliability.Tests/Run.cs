using System.Diagnostics;

namespace OnnxOpt.Reliability.Tests;

/// <summary>One run of the CLI, in process (fast) or as the built executable (real streams, signals, native stderr).</summary>
public sealed record Run(int ExitCode, string Out, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static Run Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = OnnxOpt.Cli.Program.Run(args, stdout, stderr);
        return new Run(code, stdout.ToString(), stderr.ToString());
    }

    public static Run Process(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "onnxopt.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"onnxopt {string.Join(' ', args)} did not finish in 120 s");
        }

        return new Run(process.ExitCode, stdout.Result, stderr);
    }

    /// <summary>The contract every failure keeps: exactly one line on stderr, starting with "error: ", no stack trace.</summary>
    public void AssertOneErrorLine(int expectedCode)
    {
        Xunit.Assert.Equal(expectedCode, ExitCode);
        var lines = ErrorLines.Where(l => !l.StartsWith("note:", StringComparison.Ordinal) && !l.StartsWith("warning:", StringComparison.Ordinal)).ToArray();
        Xunit.Assert.True(lines.Length == 1 && lines[0].StartsWith("error: ", StringComparison.Ordinal), $"expected one error line, got:\n{Error}");
        Xunit.Assert.DoesNotContain("   at ", Error, StringComparison.Ordinal);
    }
}
