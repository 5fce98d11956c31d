using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.OnnxRuntime;

/// <summary>
/// Reads an output of <see cref="OrtRunner.Run{T}(string, T[], long[], string, OrtOutputReader)"/> while ONNX Runtime
/// still owns its memory: <paramref name="data"/> is valid only during the call.
/// </summary>
/// <param name="type">Element type of the output.</param>
/// <param name="dims">Shape of the output.</param>
/// <param name="data">The output's raw little-endian bytes.</param>
public delegate void OrtOutputReader(DataType type, IReadOnlyList<long> dims, ReadOnlySpan<byte> data);
