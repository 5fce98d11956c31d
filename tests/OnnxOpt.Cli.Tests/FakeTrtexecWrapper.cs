using OnnxOpt.TestSupport;

namespace OnnxOpt.Cli.Tests;

/// <summary>
/// A trtexec for CLI tests: a script in a temp folder that sets the fake's variables (the recorded log to print,
/// the file that collects arguments) and runs Fixtures/fake-trtexec.sh, so nothing in this process's environment changes.
/// </summary>
internal sealed class FakeTrtexecWrapper : IDisposable
{
    private readonly TempDirectory _temp = new();

    public FakeTrtexecWrapper(string sample = "trt10.3-jetson-orin.log")
    {
        string fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
        ArgsFile = _temp.File("args.txt");
        Executable = _temp.File("trtexec");
        File.WriteAllText(Executable, $"""
            #!/usr/bin/env bash
            export FAKE_TRTEXEC_ARGS='{ArgsFile}'
            export FAKE_TRTEXEC_SAMPLE='{Path.Combine(fixtures, "trtexec", sample)}'
            exec bash '{Path.Combine(fixtures, "fake-trtexec.sh")}' "$@"

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public string Executable { get; }

    public string ArgsFile { get; }

    public string Folder => _temp.Path;

    /// <summary>How many times trtexec ran.</summary>
    public int Invocations => File.Exists(ArgsFile) ? File.ReadAllLines(ArgsFile).Count(l => l == "--") : 0;

    public void Dispose() => _temp.Dispose();
}
