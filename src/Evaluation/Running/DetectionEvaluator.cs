using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Evaluation.Datasets;
using OnnxOpt.Evaluation.Decoding;
using OnnxOpt.Evaluation.Metrics;
using OnnxOpt.Evaluation.Preprocessing;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Evaluation.Running;

/// <summary>
/// Runs a detection model in ONNX Runtime (CPU) over a dataset and scores it with COCO metrics. Three stages run
/// concurrently, joined by bounded queues: a producer decodes and letterboxes the next images, the caller's thread
/// runs inference, and a consumer decodes outputs (NMS) and maps boxes back to image pixels, so image work hides
/// behind inference. Images are processed in dataset order and the result does not depend on timing.
/// </summary>
public sealed class DetectionEvaluator(EvaluationOptions? options = null)
{
    public EvaluationOptions Options { get; } = options ?? EvaluationOptions.Default;

    /// <summary>Evaluates the model file at <paramref name="modelPath"/>.</summary>
    public EvaluationResult Evaluate(string modelPath, DetectionDataset dataset, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        var model = ModelReader.Load(modelPath);
        var description = DetectionModel.Describe(model, Path.GetFileName(modelPath), Options.ImageSize);
        return Run(description, () => new OrtRunner(modelPath, Options.RunOptions), dataset, progress, cancellation);
    }

    /// <summary>Evaluates an in-memory model (for example the result of a pass pipeline).</summary>
    public EvaluationResult Evaluate(Model model, string name, DetectionDataset dataset, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        var description = DetectionModel.Describe(model, name, Options.ImageSize);
        return Run(description, () => new OrtRunner(model, Options.RunOptions), dataset, progress, cancellation);
    }

    private EvaluationResult Run(DetectionModel model, Func<OrtRunner> openSession, DetectionDataset dataset, IProgress<int>? progress, CancellationToken cancellation)
    {
        if (dataset.Images.Count == 0)
        {
            throw new ArgumentException("the dataset has no images", nameof(dataset));
        }

        var total = Stopwatch.StartNew();
        var decoder = new DetectionDecoder(model.ClassNames.Count, Options.Detection);
        var preprocessor = new ImagePreprocessor(model.InputWidth, model.InputHeight);
        var predictions = new ImagePredictions[dataset.Images.Count];
        var timing = new StageTimes();
        var buffers = new Buffers();

        // The producer starts before the session is created, so the first images are ready when it is.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var prepared = Channel.CreateBounded<Prepared>(new BoundedChannelOptions(Math.Max(1, Options.Prefetch)) { SingleReader = true, SingleWriter = true });
        var inferred = Channel.CreateBounded<Inferred>(new BoundedChannelOptions(Math.Max(1, Options.Prefetch)) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => Produce(dataset, preprocessor, buffers, prepared.Writer, timing, stop.Token), stop.Token);
        var consumer = Task.Run(() => Consume(decoder, buffers, inferred.Reader, predictions, timing, progress, stop.Token), stop.Token);
        var load = new Stopwatch();
        try
        {
            load.Start();
            using var runner = openSession();
            load.Stop();
            Infer(runner, model, buffers, prepared.Reader, inferred.Writer, timing, stop.Token);
            Task.WaitAll(producer, consumer);
        }
        catch (Exception)
        {
            stop.Cancel();
            inferred.Writer.TryComplete();
            WaitQuietly(producer, consumer);
            ThrowStageFailure(producer, consumer);
            throw;
        }

        var metricsTime = Stopwatch.StartNew();
        var metrics = CocoEvaluator.Evaluate(predictions.Select(p => p.Truths).ToList(), predictions.Select(p => p.Detections).ToList(), model.ClassNames, Options.Coco);
        metricsTime.Stop();
        total.Stop();
        var kept = Options.KeepPredictions ? predictions : [];
        return new EvaluationResult(model, dataset, metrics, kept, new EvaluationTiming(total.Elapsed, timing.Inference, timing.Preprocessing, timing.Postprocessing, metricsTime.Elapsed, load.Elapsed));
    }

    private static async Task Produce(DetectionDataset dataset, ImagePreprocessor preprocessor, Buffers buffers, ChannelWriter<Prepared> writer, StageTimes timing, CancellationToken cancellation)
    {
        try
        {
            for (int i = 0; i < dataset.Images.Count; i++)
            {
                var image = dataset.Images[i];
                long start = Stopwatch.GetTimestamp();
                var pixels = buffers.Inputs.Rent(preprocessor.ValueCount);
                LetterboxTransform transform;
                try
                {
                    transform = preprocessor.LoadInto(image.Path, pixels);
                }
                catch (Exception e) when (e is InvalidDataException or FileNotFoundException or IOException)
                {
                    throw new InvalidDataException($"image {i + 1} of the dataset: {e.Message}", e);
                }

                var truths = image.ObjectsInPixels(transform.SourceWidth, transform.SourceHeight);
                timing.AddPreprocessing(Stopwatch.GetElapsedTime(start));
                await writer.WriteAsync(new Prepared(i, image, pixels, transform, truths), cancellation).ConfigureAwait(false);
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private static void Infer(OrtRunner runner, DetectionModel model, Buffers buffers, ChannelReader<Prepared> reader, ChannelWriter<Inferred> writer, StageTimes timing, CancellationToken cancellation)
    {
        string output = runner.OutputNames[0];
        long[] shape = [1, 3, model.InputHeight, model.InputWidth];
        Half[]? half = model.InputType == DataType.Float16 ? new Half[3 * model.InputHeight * model.InputWidth] : null;
        try
        {
            while (reader.WaitToReadAsync(cancellation).AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var item))
                {
                    long start = Stopwatch.GetTimestamp();
                    float[]? values = null;
                    long[] dims = [];
                    void Read(DataType type, IReadOnlyList<long> outputDims, ReadOnlySpan<byte> data)
                    {
                        dims = [.. outputDims];
                        values = buffers.Outputs.Rent(checked((int)dims.Aggregate(1L, (product, d) => product * d)));
                        CopyAsFloats(type, data, values);
                    }

                    if (half is not null)
                    {
                        TensorPrimitives.ConvertToHalf(item.Pixels, half);
                        runner.Run(model.InputName, half, shape, output, Read);
                    }
                    else
                    {
                        runner.Run(model.InputName, item.Pixels, shape, output, Read);
                    }

                    timing.AddInference(Stopwatch.GetElapsedTime(start));
                    buffers.Inputs.Return(item.Pixels);
                    writer.WriteAsync(new Inferred(item, values!, dims), cancellation).AsTask().GetAwaiter().GetResult();
                }
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }

    /// <summary>Copies a float32 or float16 output into <paramref name="values"/> as float32.</summary>
    private static void CopyAsFloats(DataType type, ReadOnlySpan<byte> data, float[] values)
    {
        switch (type)
        {
            case DataType.Float:
                MemoryMarshal.Cast<byte, float>(data).CopyTo(values);
                break;
            case DataType.Float16:
                TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(data), values);
                break;
            default:
                throw new InvalidDataException($"the detection output must be float or float16, it is {type}");
        }
    }

    private static async Task Consume(DetectionDecoder decoder, Buffers buffers, ChannelReader<Inferred> reader, ImagePredictions[] predictions, StageTimes timing, IProgress<int>? progress, CancellationToken cancellation)
    {
        int done = 0;
        await foreach (var (item, output, dims) in reader.ReadAllAsync(cancellation).ConfigureAwait(false))
        {
            long start = Stopwatch.GetTimestamp();
            var transform = item.Transform;
            var decoded = decoder.Decode(output, dims);
            buffers.Outputs.Return(output);
            var detections = new List<Detection>(decoded.Count);
            foreach (var detection in decoded)
            {
                detections.Add(transform.ToSource(detection));
            }

            predictions[item.Index] = new ImagePredictions(item.Image, transform.SourceWidth, transform.SourceHeight, item.Truths, detections);
            timing.AddPostprocessing(Stopwatch.GetElapsedTime(start));
            progress?.Report(++done);
        }
    }

    private static void WaitQuietly(params Task[] tasks)
    {
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException)
        {
            // The failure is reported by ThrowStageFailure or by the caller's own exception.
        }
    }

    /// <summary>A producer or consumer failure is the real cause of a cancelled pipeline; rethrow it unwrapped.</summary>
    private static void ThrowStageFailure(params Task[] tasks)
    {
        foreach (var task in tasks)
        {
            if (task.Exception?.InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) is { } failure)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }
    }

    private sealed record Prepared(int Index, DatasetImage Image, float[] Pixels, LetterboxTransform Transform, IReadOnlyList<GroundTruthBox> Truths);

    private sealed record Inferred(Prepared Item, float[] Output, long[] Dims);

    /// <summary>The input and output arrays that circulate between the stages.</summary>
    private sealed class Buffers
    {
        public RecycledArrays<float> Inputs { get; } = new();

        public RecycledArrays<float> Outputs { get; } = new();
    }

    /// <summary>Stage durations added from several threads.</summary>
    private sealed class StageTimes
    {
        private long _inference;
        private long _preprocessing;
        private long _postprocessing;

        public TimeSpan Inference => TimeSpan.FromTicks(Interlocked.Read(ref _inference));

        public TimeSpan Preprocessing => TimeSpan.FromTicks(Interlocked.Read(ref _preprocessing));

        public TimeSpan Postprocessing => TimeSpan.FromTicks(Interlocked.Read(ref _postprocessing));

        public void AddInference(TimeSpan t) => Interlocked.Add(ref _inference, t.Ticks);

        public void AddPreprocessing(TimeSpan t) => Interlocked.Add(ref _preprocessing, t.Ticks);

        public void AddPostprocessing(TimeSpan t) => Interlocked.Add(ref _postprocessing, t.Ticks);
    }
}
