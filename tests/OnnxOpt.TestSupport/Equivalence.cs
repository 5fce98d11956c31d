using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using Xunit;

namespace OnnxOpt.TestSupport;

/// <summary>Asserts that a rewritten model computes what the original computes, in ONNX Runtime, within a tolerance.</summary>
public static class Equivalence
{
    /// <summary>Runs both models on the same seeded inputs ([0,1] floats by default) and fails with per-output statistics when they differ.</summary>
    public static ComparisonReport AssertSameOutputs(Model original, Model rewritten, double atol = 1e-5, double rtol = 1e-4, int seed = 1, int samples = 1, IReadOnlyDictionary<string, long>? dims = null)
    {
        var comparer = new ModelComparer
        {
            Atol = atol,
            Rtol = rtol,
            Samples = samples,
            Inputs = new InputGenerator { Seed = seed, Dims = dims ?? new Dictionary<string, long>() },
        };
        var report = comparer.Compare(original, rewritten);
        Assert.True(report.Passed, Describe(report));
        return report;
    }

    public static string Describe(ComparisonReport report) =>
        string.Join("; ", report.Outputs.Select(o => $"{o.Name}: mismatches={o.Mismatches}/{o.Elements} maxAbs={o.MaxAbsError:g4} maxRel={o.MaxRelError:g4} cos={o.Cosine:g6}{(o.Problem is null ? string.Empty : " " + o.Problem)}"));

    /// <summary>A deep copy through serialization, so a pass can be run on one copy and compared with the other.</summary>
    public static Model Clone(Model model) => ModelReader.Load(ModelWriter.ToBytes(model), model.BaseDirectory);
}
