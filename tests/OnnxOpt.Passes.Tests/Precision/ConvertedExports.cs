using System.Collections.Concurrent;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;
using OnnxOpt.TestSupport;

namespace OnnxOpt.Passes.Tests.Precision;

/// <summary>The real Ultralytics exports and their `convert-fp16,fold-casts` results, converted once per test class.</summary>
public sealed class ConvertedExports
{
    public const string Pipeline = "convert-fp16,fold-casts";

    private readonly ConcurrentDictionary<string, Lazy<ConvertedExport>> _exports = new();

    /// <summary>The export and its conversion, or null when the shared data is absent.</summary>
    public ConvertedExport? Get(string file)
    {
        string? path = SharedData.UltralyticsModel(file);
        return path is null ? null : _exports.GetOrAdd(file, _ => new Lazy<ConvertedExport>(() => Convert(path))).Value;
    }

    private static ConvertedExport Convert(string path)
    {
        var original = ModelReader.Load(path);
        var converted = ModelReader.Load(path);
        var report = PipelineRunner.Run(converted, Pipeline);
        return new ConvertedExport(original, converted, report);
    }
}
