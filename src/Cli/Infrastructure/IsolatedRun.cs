using System.CommandLine;
using System.Diagnostics;

namespace OnnxOpt.Cli.Infrastructure;

/// <summary>
/// Runs the current command again in a child process of this same executable, for work that may crash natively
/// (ONNX Runtime dividing integers by zero or MIN by -1 raises SIGFPE, which no exception handler can catch). The
/// child's output is passed through unchanged; a child killed by a signal becomes one <c>error:</c> line and exit 1.
/// </summary>
public static class IsolatedRun
{
    /// <summary>Set in the child's environment, so the child does the work itself instead of starting another child.</summary>
    public const string ChildVariable = "ONNXOPT_ISOLATED_CHILD";

    public static bool InChild => Environment.GetEnvironmentVariable(ChildVariable) == "1";

    /// <summary>Runs the command line of <paramref name="result"/> in a child; <paramref name="why"/> names the risk for the error message.</summary>
    public static int Rerun(CliContext context, ParseResult result, string why)
    {
        if (context.Verbose)
        {
            context.Error.WriteLine($"note: running in a child process because {why}");
        }

        var info = StartInfo();
        foreach (var token in result.Tokens)
        {
            info.ArgumentList.Add(token.Value);
        }

        info.Environment[ChildVariable] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start a child process of onnxopt");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        context.Out.Write(stdout.Result);
        context.Error.Write(stderr.Result);

        // .NET reports a child killed by signal N as exit code 128 + N.
        if (process.ExitCode > 128)
        {
            int signal = process.ExitCode - 128;
            string name = signal switch { 8 => "SIGFPE", 11 => "SIGSEGV", 6 => "SIGABRT", 9 => "SIGKILL", _ => $"signal {signal}" };
            throw new NativeCrashException($"ONNX Runtime crashed ({name}) while running the model: {why}");
        }

        return process.ExitCode;
    }

    // The apphost runs itself; under 'dotnet onnxopt.dll' (and in tests) the host is told which assembly to run.
    private static ProcessStartInfo StartInfo()
    {
        // Assembly.Location is empty in a native-AOT or single-file build; the entry assembly's name and folder are not.
        string name = typeof(IsolatedRun).Assembly.GetName().Name!;
        string assembly = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        string? self = Environment.ProcessPath;
        bool apphost = self is not null && Path.GetFileNameWithoutExtension(self) == name;
        string host = apphost ? self! : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet
            : self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (!apphost)
        {
            info.ArgumentList.Add(assembly);
        }

        return info;
    }
}
