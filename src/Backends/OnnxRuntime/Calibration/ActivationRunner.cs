using Microsoft.ML.OnnxRuntime;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using System.Runtime.InteropServices;

namespace OnnxOpt.Backends.OnnxRuntime.Calibration;

/// <summary>
/// Runs the float model in ONNX Runtime with chosen intermediate float values exposed as extra graph outputs, one
/// calibration sample at a time, and hands each value to an <see cref="ActivationObserver"/> before the next run.
/// Memory holds one sample's activations at most, however many samples are streamed through.
/// </summary>
public sealed class ActivationRunner : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _outputs;
    private readonly string[] _observedInputs;

    /// <param name="model">The float model; it is not modified (a copy gets the extra outputs).</param>
    /// <param name="valueNames">Float values of the main graph to observe: intermediate values, graph inputs or outputs.</param>
    /// <param name="options">ONNX Runtime session settings (threads, optimization level); null: the defaults.</param>
    public ActivationRunner(Model model, IReadOnlyList<string> valueNames, OrtRunOptions? options = null)
    {
        var copy = ModelReader.Load(ModelWriter.ToBytes(model));
        var graph = copy.Graph;
        foreach (var name in valueNames)
        {
            var value = graph.FindValue(name) ?? throw new ArgumentException($"the model has no value '{name}' to observe", nameof(valueNames));
            if (value.ElementType == DataType.Undefined)
            {
                // Intermediate values often carry no type in the file; only float values are ever observed.
                value.ElementType = DataType.Float;
            }

            if (!value.IsGraphOutput && !value.IsGraphInput)
            {
                graph.AddOutput(value);
            }
        }

        // ONNX Runtime cannot return a graph input as an output: those are observed from the sample itself.
        _observedInputs = valueNames.Where(n => graph.FindValue(n)!.IsGraphInput).ToArray();
        _outputs = valueNames.Where(n => !graph.FindValue(n)!.IsGraphInput).ToArray();
        ValueNames = [.. valueNames];
        InputNames = graph.Inputs.Where(v => !v.IsInitializer).Select(v => v.Name).ToArray();
        using var sessionOptions = OrtSessionOptionsFactory.Create(options ?? OrtRunOptions.Default);
        try
        {
            _session = new InferenceSession(ModelWriter.ToBytes(copy), sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new OrtExecutionException($"ONNX Runtime cannot load the model for calibration: {OrtRunner.FirstLine(e.Message)}", e);
        }
    }

    public IReadOnlyList<string> ValueNames { get; }

    public IReadOnlyList<string> InputNames { get; }

    /// <summary>Runs every sample and calls <paramref name="observe"/> once per observed value per sample; returns the number of samples run.</summary>
    public int Run(IEnumerable<CalibrationSample> samples, ActivationObserver observe, CancellationToken cancellation = default)
    {
        int count = 0;
        foreach (var sample in samples)
        {
            cancellation.ThrowIfCancellationRequested();
            RunOne(sample, observe);
            count++;
        }

        return count;
    }

    /// <summary>Runs one sample and calls <paramref name="observe"/> for each observed value.</summary>
    public void RunOne(CalibrationSample sample, ActivationObserver observe)
    {
        var handles = new List<GCHandle>();
        var names = new List<string>();
        var values = new List<OrtValue>();
        try
        {
            foreach (var (name, tensor) in sample.Inputs)
            {
                names.Add(name);
                values.Add(OrtRunner.ToOrtValue(tensor, handles));
                if (_observedInputs.Contains(name) && tensor.DataType == DataType.Float)
                {
                    observe(name, tensor.DimsArray(), tensor.Span<float>());
                }
            }

            if (_outputs.Length == 0)
            {
                // Only graph inputs are observed: nothing to run.
                return;
            }

            using var runOptions = new RunOptions();
            using var results = _session.Run(runOptions, names, values, _outputs);
            for (int i = 0; i < _outputs.Length; i++)
            {
                var info = results[i].GetTensorTypeAndShape();
                if (info.ElementDataType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float)
                {
                    throw new InvalidDataException($"value '{_outputs[i]}' is {info.ElementDataType}, calibration observes float values only");
                }

                observe(_outputs[i], info.Shape, results[i].GetTensorDataAsSpan<float>());
            }
        }
        catch (OnnxRuntimeException e)
        {
            throw new OrtExecutionException($"ONNX Runtime failed on calibration sample '{sample.Source}': {OrtRunner.FirstLine(e.Message)}", e);
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }

            foreach (var handle in handles)
            {
                handle.Free();
            }
        }
    }

    public void Dispose() => _session.Dispose();
}
