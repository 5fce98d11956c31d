using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Verification;

namespace OnnxOpt.Fuzz.Reader;

/// <summary>
/// What one fuzz input goes through: the model reader on the bytes, then the graph verifier and a write and read
/// back of what loaded. A clean refusal of bad bytes (the exceptions the CLI prints as one `error:` line) is the
/// expected outcome and is swallowed; any other exception escapes, and AFL++ records the input as a crash.
/// </summary>
public static class ReaderTarget
{
    /// <summary>Exceptions that only a bug throws, as in the CI fuzz suite (tests/OnnxOpt.Reliability.Tests/Fuzzing).</summary>
    private static readonly HashSet<Type> BugTypes =
    [
        typeof(NullReferenceException), typeof(IndexOutOfRangeException), typeof(ArgumentOutOfRangeException),
        typeof(ArgumentNullException), typeof(InvalidCastException), typeof(KeyNotFoundException),
        typeof(DivideByZeroException), typeof(OverflowException), typeof(OutOfMemoryException),
        typeof(InsufficientExecutionStackException), typeof(NotImplementedException), typeof(AccessViolationException),
    ];

    public static void Run(Stream input)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        Run(buffer.ToArray());
    }

    public static void Run(byte[] bytes)
    {
        try
        {
            // No base directory: external data references must be refused, never resolved against this folder.
            var model = ModelReader.Load(bytes, baseDirectory: null, displayName: "fuzz-input");
            if (GraphVerifier.Verify(model).Count == 0)
            {
                ModelReader.Load(ModelWriter.ToBytes(model));
            }
        }
        catch (Exception e) when (!BugTypes.Contains(e.GetType()) && !string.IsNullOrWhiteSpace(e.Message))
        {
            // A clean refusal: what `onnxopt inspect` would print as one error line.
        }
    }
}
