using BenchmarkDotNet.Running;

namespace OnnxOpt.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (`--filter '*Cleanup*' --job short`).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
