using System.Diagnostics;
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
        var load = Stopwatch.StartNew();
        using var runner = openSession();
        load.Stop();
        string output = runner.OutputNames[0];
        bool halfInput = model.InputType == DataType.Float16;
        var decoder = new DetectionDecoder(model.ClassNames.Count, Options.Detection);
        var preprocessor = new ImagePreprocessor(model.InputWidth, model.InputHeight);
        var predictions = new ImagePredictions[dataset.Images.Count];
        var timing = new StageTimes();

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var prepared = Channel.CreateBounded<Prepared>(new BoundedChannelOptions(Math.Max(1, Options.Prefetch)) { SingleReader = true, SingleWriter = true });
        var inferred = Channel.CreateBounded<Inferred>(new BoundedChannelOptions(Math.Max(1, Options.Prefetch)) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => Produce(dataset, preprocessor, prepared.Writer, timing, stop.Token), stop.Token);
        var consumer = Task.Run(() => Consume(decoder, inferred.Reader, predictions, timing, progress, stop.Token), stop.Token);
        try
        {
            Infer(runner, model, output, halfInput, prepared.Reader, inferred.Writer, timing, stop.Token);
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

    private static async Task Produce(DetectionDataset dataset, ImagePreprocessor preprocessor, ChannelWriter<Prepared> writer, StageTimes timing, CancellationToken cancellation)
    {
        try
        {
            for (int i = 0; i < dataset.Images.Count; i++)
            {
                var image = dataset.Images[i];
                long start = Stopwatch.GetTimestamp();
                LetterboxedImage input;
                try
                {
                    input = preprocessor.Load(image.Path);
                }
                catch (Exception e) when (e is InvalidDataException or FileNotFoundException or IOException)
                {
                    throw new InvalidDataException($"image {i + 1} of the dataset: {e.Message}", e);
                }

                var transform = input.Transform;
                var truths = image.ObjectsInPixels(transform.SourceWidth, transform.SourceHeight);
                timing.AddPreprocessing(Stopwatch.GetElapsedTime(start));
                await writer.WriteAsync(new Prepared(i, image, input, truths), cancellation).ConfigureAwait(false);
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private static void Infer(OrtRunner runner, DetectionModel model, string output, bool halfInput, ChannelReader<Prepared> reader, ChannelWriter<Inferred> writer, StageTimes timing, CancellationToken cancellation)
    {
        string[] outputs = [output];
        try
        {
            while (reader.WaitToReadAsync(cancellation).AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var item))
                {
                    var tensor = halfInput ? ToHalf(item.Input) : item.Input.ToTensor();
                    var feeds = new Dictionary<string, Tensor> { [model.InputName] = tensor };
                    long start = Stopwatch.GetTimestamp();
                    var result = runner.Run(feeds, outputs);
                    timing.AddInference(Stopwatch.GetElapsedTime(start));
                    writer.WriteAsync(new Inferred(item, result[output]), cancellation).AsTask().GetAwaiter().GetResult();
                }
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private static async Task Consume(DetectionDecoder decoder, ChannelReader<Inferred> reader, ImagePredictions[] predictions, StageTimes timing, IProgress<int>? progress, CancellationToken cancellation)
    {
        int done = 0;
        await foreach (var (item, output) in reader.ReadAllAsync(cancellation).ConfigureAwait(false))
        {
            long start = Stopwatch.GetTimestamp();
            var transform = item.Input.Transform;
            var detections = decoder.Decode(output).Select(transform.ToSource).ToList();
            predictions[item.Index] = new ImagePredictions(item.Image, transform.SourceWidth, transform.SourceHeight, item.Truths, detections);
            timing.AddPostprocessing(Stopwatch.GetElapsedTime(start));
            progress?.Report(++done);
        }
    }

    private static Tensor ToHalf(LetterboxedImage image)
    {
        var half = new Half[image.Pixels.Length];
        for (int i = 0; i < half.Length; i++)
        {
            half[i] = (Half)image.Pixels[i];
        }

        return Tensor.Create(half, 1, 3, image.Height, image.Width);
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

    private sealed record Prepared(int Index, DatasetImage Image, LetterboxedImage Input, IReadOnlyList<GroundTruthBox> Truths);

    private sealed record Inferred(Prepared Item, Tensor Output);

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
