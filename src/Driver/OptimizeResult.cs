using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Driver;

/// <summary>
/// One optimized model: sizes and node counts before and after, time, and the pipeline report. <see cref="BytesBefore"/>
/// is null for a model that was never a file (the built-in one).
/// </summary>
public sealed record OptimizeResult(
    string Input,
    string Output,
    int NodesBefore,
    int NodesAfter,
    long? BytesBefore,
    long BytesAfter,
    TimeSpan Elapsed,
    PipelineRunReport Report);
