using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Tensor = OnnxOpt.Graph.IR.Tensor;

namespace OnnxOpt.Backends.OnnxRuntime.Benchmarking;

/// <summary>Inputs converted to ONNX Runtime values once, so that timed runs measure the model and not the conversion.</summary>
internal sealed class PreparedInputs : IDisposable
{
    private readonly List<GCHandle> _handles = [];
    private readonly List<OrtValue> _values = [];
    private readonly List<string> _names = [];

    public PreparedInputs(IReadOnlyDictionary<string, Tensor> inputs)
    {
        foreach (var (name, tensor) in inputs)
        {
            _names.Add(name);
            _values.Add(OrtRunner.ToOrtValue(tensor, _handles));
        }
    }

    public IReadOnlyList<string> Names => _names;

    public IReadOnlyList<OrtValue> Values => _values;

    public void Dispose()
    {
        foreach (var value in _values)
        {
            value.Dispose();
        }

        foreach (var handle in _handles)
        {
            handle.Free();
        }
    }
}
