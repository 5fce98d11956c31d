using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using OnnxOpt.Backends.OnnxRuntime.Benchmarking;
using OnnxOpt.Backends.OnnxRuntime.Providers;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using TensorElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;
using Tensor = OnnxOpt.Graph.IR.Tensor;

namespace OnnxOpt.Backends.OnnxRuntime;

/// <summary>
/// Runs models in ONNX Runtime (CPU provider unless options say otherwise) on IR tensors, for reference
/// execution, equivalence checks and constant-folding fallbacks. Inputs and outputs cross as raw bytes,
/// so every element type ONNX Runtime supports works the same way.
/// </summary>
public sealed class OrtRunner : IDisposable
{
    private readonly InferenceSession _session;

    public OrtRunner(Model model, OrtRunOptions? options = null)
        : this(ModelWriter.ToBytes(model), options)
    {
    }

    public OrtRunner(byte[] modelBytes, OrtRunOptions? options = null)
        : this(modelBytes, options, ProviderRequest.Cpu)
    {
    }

    public OrtRunner(string modelPath, OrtRunOptions? options = null)
        : this(modelPath, options, ProviderRequest.Cpu)
    {
    }

    /// <summary>Loads the model on the provider <paramref name="providers"/> asks for, falling back as <see cref="ExecutionProviderSelector"/> does.</summary>
    public OrtRunner(byte[] modelBytes, OrtRunOptions? options, ProviderRequest providers)
    {
        try
        {
            (_session, Selection) = ExecutionProviderSelector.Open(o => new InferenceSession(modelBytes, o), options ?? OrtRunOptions.Default, providers);
        }
        catch (OnnxRuntimeException e)
        {
            throw new OrtExecutionException($"ONNX Runtime cannot load the model: {FirstLine(e.Message)}", e);
        }
    }

    public OrtRunner(string modelPath, OrtRunOptions? options, ProviderRequest providers)
    {
        try
        {
            (_session, Selection) = ExecutionProviderSelector.Open(o => new InferenceSession(modelPath, o), options ?? OrtRunOptions.Default, providers);
        }
        catch (OnnxRuntimeException e)
        {
            throw new OrtExecutionException($"ONNX Runtime cannot load '{modelPath}': {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>The provider the session runs on, and why it is not the requested one when it fell back.</summary>
    public ProviderSelection Selection { get; }

    public IReadOnlyList<string> InputNames => _session.InputNames;

    public IReadOnlyList<string> OutputNames => _session.OutputNames;

    /// <summary>Runs the model once and returns every graph output by name.</summary>
    public IReadOnlyDictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyList<string>? outputNames = null)
    {
        var handles = new List<GCHandle>();
        var values = new Dictionary<string, OrtValue>();
        try
        {
            foreach (var (name, tensor) in inputs)
            {
                values[name] = ToOrtValue(tensor, handles);
            }

            var names = outputNames ?? _session.OutputNames;
            using var runOptions = new RunOptions();
            using var results = _session.Run(runOptions, values, names);
            var outputs = new Dictionary<string, Tensor>();
            for (int i = 0; i < names.Count; i++)
            {
                outputs[names[i]] = FromOrtValue(results[i]);
            }

            return outputs;
        }
        catch (OnnxRuntimeException e)
        {
            throw new OrtExecutionException($"ONNX Runtime failed to run the model: {FirstLine(e.Message)}", e);
        }
        finally
        {
            foreach (var value in values.Values)
            {
                value.Dispose();
            }

            foreach (var handle in handles)
            {
                handle.Free();
            }
        }
    }

    /// <summary>
    /// Runs the model on one input that stays in the caller's array (pinned for the call, not copied) and hands the
    /// output <paramref name="outputName"/> to <paramref name="readOutput"/> before ONNX Runtime frees it: no
    /// per-run tensor copies, for streaming many inputs through one session (evaluation, timing).
    /// </summary>
    /// <param name="inputName">The model input to feed.</param>
    /// <param name="input">The input values; the first product-of-<paramref name="shape"/> elements are used.</param>
    /// <param name="shape">The input's shape.</param>
    /// <param name="outputName">The output to compute and read.</param>
    /// <param name="readOutput">Called once with the output, valid only during the call.</param>
    public void Run<T>(string inputName, T[] input, long[] shape, string outputName, OrtOutputReader readOutput)
        where T : unmanaged
    {
        long count = shape.Aggregate(1L, (product, d) => product * d);
        if (count > input.Length)
        {
            throw new ArgumentException($"an input of shape [{string.Join(",", shape)}] needs {count} values; the array holds {input.Length}", nameof(input));
        }

        var type = Tensor.ElementTypeOf<T>();
        var handle = GCHandle.Alloc(input, GCHandleType.Pinned);
        try
        {
            using var value = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, (TensorElementType)(int)type, shape, handle.AddrOfPinnedObject(), type.ByteCount(count));
            using var runOptions = new RunOptions();
            using var results = _session.Run(runOptions, [inputName], [value], [outputName]);
            var info = results[0].GetTensorTypeAndShape();
            readOutput((DataType)(int)info.ElementDataType, info.Shape, results[0].GetTensorMutableRawData());
        }
        catch (OnnxRuntimeException e)
        {
            throw new OrtExecutionException($"ONNX Runtime failed to run the model: {FirstLine(e.Message)}", e);
        }
        finally
        {
            handle.Free();
        }
    }

    /// <summary>Runs the model on inputs already converted by <see cref="PreparedInputs"/>, discarding the outputs (for timing).</summary>
    internal void RunDiscardingOutputs(PreparedInputs inputs)
    {
        try
        {
            using var runOptions = new RunOptions();
            using var results = _session.Run(runOptions, inputs.Names, inputs.Values, _session.OutputNames);
        }
        catch (OnnxRuntimeException e)
        {
            throw new OrtExecutionException($"ONNX Runtime failed to run the model: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>Convenience: load, run once, dispose.</summary>
    public static IReadOnlyDictionary<string, Tensor> RunOnce(Model model, IReadOnlyDictionary<string, Tensor> inputs, OrtRunOptions? options = null)
    {
        using var runner = new OrtRunner(model, options);
        return runner.Run(inputs);
    }

    internal static OrtValue ToOrtValue(Tensor tensor, List<GCHandle> handles)
    {
        var shape = tensor.DimsArray();
        if (tensor.Strings is not null)
        {
            var strings = tensor.Strings.Select(System.Text.Encoding.UTF8.GetString).ToArray();
            return OrtValue.CreateFromStringTensor(CreateStringTensor(strings, shape));
        }

        // Pin a private copy: ONNX Runtime reads the buffer during Run, and tensor bytes may be shared.
        var bytes = tensor.Bytes.ToArray();
        var handle = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        handles.Add(handle);
        return OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, (TensorElementType)(int)tensor.DataType, shape, handle.AddrOfPinnedObject(), bytes.Length);
    }

    private static Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<string> CreateStringTensor(string[] values, long[] shape) =>
        new(values, shape.Select(d => (int)d).ToArray());

    private static Tensor FromOrtValue(OrtValue value)
    {
        var info = value.GetTensorTypeAndShape();
        var dims = info.Shape;
        var type = (DataType)(int)info.ElementDataType;
        if (type == DataType.String)
        {
            var strings = value.GetStringTensorAsArray();
            return Tensor.FromStrings(dims, strings.Select(System.Text.Encoding.UTF8.GetBytes));
        }

        var raw = value.GetTensorMutableRawData();
        return Tensor.FromBytes(type, dims, raw.ToArray());
    }

    internal static string FirstLine(string message)
    {
        int newline = message.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? message : message[..newline]).Trim();
    }

    public void Dispose() => _session.Dispose();
}
