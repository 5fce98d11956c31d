using Google.Protobuf;
using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Protos;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Verification;
using OnnxOpt.Driver;
using OnnxOpt.Passes.Infrastructure;

namespace OnnxOpt.Reliability.Tests.Fuzzing;

/// <summary>
/// Runs one mutant the way the CLI would: load from a file (external data beside it), verify, and, when it
/// verifies, every preset with verify-each and the ONNX Runtime folding fallback, then write and read the result.
/// A clean refusal (any exception the CLI prints as one line) is fine; exceptions that only a bug throws are not.
/// </summary>
internal sealed class FuzzHarness(string folder)
{
    /// <summary>Exception types that mean a bug: the code did not check something, whatever the input was.</summary>
    private static readonly Type[] BugTypes =
    [
        typeof(NullReferenceException), typeof(IndexOutOfRangeException), typeof(ArgumentOutOfRangeException),
        typeof(ArgumentNullException), typeof(InvalidCastException), typeof(KeyNotFoundException),
        typeof(DivideByZeroException), typeof(OverflowException), typeof(OutOfMemoryException),
        typeof(InsufficientExecutionStackException), typeof(NotImplementedException), typeof(AccessViolationException),
    ];

    public static bool IsBug(Exception e) => BugTypes.Contains(e.GetType()) || string.IsNullOrWhiteSpace(e.Message);

    /// <summary>Runs the mutant; returns a description of the bug found, or null.</summary>
    public string? Run(ModelProto mutant)
    {
        string path = Path.Combine(folder, "mutant.onnx");
        File.WriteAllBytes(path, mutant.ToByteArray());
        File.WriteAllBytes(Path.Combine(folder, "data.bin"), new byte[256]);

        if (Step("load", () => ModelReader.Load(path)) is not { } model)
        {
            return _bug;
        }

        if (Step("verify", () => GraphVerifier.Verify(model)) is not { } diagnostics)
        {
            return _bug;
        }

        if (diagnostics.Any(d => d.IsError))
        {
            // optimize refuses such a model before any pass: that refusal must itself be clean.
            Step("input check", () => { InputCheck.ThrowIfInvalid(model, "mutant"); return model; });
            return _bug;
        }

        foreach (var preset in PipelineRunner.Registry.Presets)
        {
            var fresh = ModelReader.Load(path);
            var optimizer = new ModelOptimizer(PipelineRunner.Parse(preset.Name), new OptimizeOptions { VerifyEach = true, ConstantEvaluator = new OrtConstantEvaluator() });
            if (Step(preset.Name, () => optimizer.Run(fresh)) is null)
            {
                if (_bug is not null)
                {
                    return _bug;
                }

                continue;
            }

            if (Step($"{preset.Name}: write and read back", () => ModelReader.Load(ModelWriter.ToBytes(fresh))) is null && _bug is not null)
            {
                return _bug;
            }
        }

        return null;
    }

    private string? _bug;

    private T? Step<T>(string what, Func<T> action)
        where T : class
    {
        _bug = null;
        try
        {
            return action();
        }
        catch (Exception e) when (IsBug(e))
        {
            _bug = $"{what}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}";
            return null;
        }
        catch (Exception)
        {
            // A clean refusal: the CLI prints its message as one error line.
            return null;
        }
    }
}
