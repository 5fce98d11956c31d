using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Verification;
using OnnxOpt.Passes.Infrastructure;
using Xunit;

namespace OnnxOpt.Passes.Tests.Precision;

/// <summary>Checks shared by the float16 tests: verifier, Cast structure, boundary types.</summary>
internal static class PrecisionAssert
{
    public static void Verifies(Model model)
    {
        var errors = GraphVerifier.Verify(model).Where(d => d.IsError).ToList();
        Assert.True(errors.Count == 0, string.Join("; ", errors));
    }

    public static IEnumerable<Node> Casts(Model model) => model.Graph.AllNodes().Where(n => n.Is("Cast"));

    public static void NoCastFeedsCast(Model model)
    {
        foreach (var cast in Casts(model))
        {
            Assert.False(cast.Input(0)?.Producer?.Is("Cast") == true, $"Cast '{cast.Name}' is fed by Cast '{cast.Input(0)?.Producer?.Name}'");
        }
    }

    /// <summary>Graph inputs and outputs have the given element type (float32 with keep-io-types, else float16).</summary>
    public static void BoundaryTypes(Model model, DataType expected)
    {
        foreach (var value in model.Graph.Inputs.Where(v => !v.IsInitializer).Concat(model.Graph.Outputs))
        {
            Assert.True(value.ElementType == expected, $"'{value.Name}' is {value.ElementType.OnnxName()}, expected {expected.OnnxName()}");
        }
    }

    public static DataType TypeOf(Model model, string valueName) =>
        model.Graph.AllGraphs().Select(g => g.FindValue(valueName)).First(v => v is not null)!.ElementType;

    public static Node Node(Model model, string name) => model.Graph.AllNodes().Single(n => n.Name == name);

    public static double Statistic(PipelineRunReport report, string pass, string counter) =>
        report.Runs.Where(r => r.PassName == pass).Sum(r => r.Statistics.Get(counter));
}
