namespace OnnxOpt.Cli;

/// <summary>The <c>onnxopt</c> entry point.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the CLI with the given writers (tests pass StringWriters); returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => CliApp.Run(args, stdout, stderr);
}
