using System.CommandLine;
using OnnxOpt.Backends.OnnxRuntime.Benchmarking;
using OnnxOpt.Backends.OnnxRuntime.Providers;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Cli.Infrastructure;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Cli.Commands;

/// <summary>
/// <c>onnxopt bench [MODEL] [--provider cpu|cuda|tensorrt] [--require-provider] [--warmup N] [--runs N] [--json] [--dim NAME=SIZE]</c>:
/// latency and throughput in ONNX Runtime. A provider that cannot start falls back (TensorRT, CUDA, CPU) with
/// one line on stderr saying why, unless --require-provider makes that an error.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var model = new Argument<string?>("MODEL") { Description = "The .onnx file to benchmark. Without it: the built-in YOLOv8n.", Arity = ArgumentArity.ZeroOrOne };
        CliOptions.RejectOptionLikeValues(model);
        var provider = new Option<string>("--provider") { Description = "cpu (default), cuda or tensorrt.", DefaultValueFactory = _ => "cpu" };
        var require = new Option<bool>("--require-provider") { Description = "Fail instead of falling back when the provider cannot start." };
        var warmup = new Option<int>("--warmup") { Description = "Untimed runs first.", DefaultValueFactory = _ => 10, HelpName = "N" };
        var runs = new Option<int>("--runs") { Description = "Timed runs.", DefaultValueFactory = _ => 50, HelpName = "N" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var dims = new Option<string[]>("--dim") { Description = "Size of a symbolic dim, e.g. --dim batch=1 (repeatable).", HelpName = "NAME=SIZE" };
        var command = new Command("bench", "Measure a model's latency and throughput in ONNX Runtime.")
        {
            model, provider, require, warmup, runs, json, dims,
        };
        command.SetAction(result =>
        {
            string providerText = result.GetRequiredValue(provider);
            if (!ExecutionProviders.TryParse(providerText, out var kind))
            {
                throw new UsageException($"--provider must be cpu, cuda or tensorrt, not '{providerText}'");
            }

            int warmupRuns = result.GetValue(warmup), timedRuns = result.GetValue(runs);
            if (warmupRuns < 0 || timedRuns < 1)
            {
                throw new UsageException("--warmup must be 0 or more and --runs at least 1");
            }

            var benchmark = new LatencyBenchmark
            {
                Warmup = warmupRuns,
                Runs = timedRuns,
                Inputs = new InputGenerator { Dims = VerifyCommand.ParseDims(result.GetValue(dims) ?? []) },
                Provider = ProviderRequest.For(kind, result.GetValue(require)),
            };
            return Run(CliContext.From(result), result.GetValue(model), benchmark, result.GetValue(json));
        });
        return command;
    }

    private static int Run(CliContext context, string? input, LatencyBenchmark benchmark, bool json)
    {
        BenchmarkResult result;
        if (input is null)
        {
            context.Error.WriteLine($"note: no MODEL given; benchmarking the built-in default, {DefaultModel.Description}");
            string folder = Path.Combine(Path.GetTempPath(), $"onnxopt-bench-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            try
            {
                string path = Path.Combine(folder, "yolov8n.onnx");
                ModelWriter.Save(DefaultModel.Create(), path);
                result = benchmark.Run(path) with { Model = DefaultModel.DisplayName };
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        else
        {
            result = benchmark.Run(input);
        }

        if (result.Provider.Explanation is { } why)
        {
            context.Error.WriteLine($"note: {why}");
        }

        context.Out.Write(json ? BenchmarkReport.ToJson(result) + Environment.NewLine : BenchmarkReport.ToText(result, includeFallback: false));
        return ExitCodes.Success;
    }
}
