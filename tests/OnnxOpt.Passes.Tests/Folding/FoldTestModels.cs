using OnnxOpt.Graph.Evaluation;
using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Instrumentation;
using OnnxOpt.Passes.Transforms.Folding;

namespace OnnxOpt.Passes.Tests.Folding;

/// <summary>Helpers shared by the folding tests.</summary>
internal static class FoldTestModels
{
    public static PipelineRunReport Fold(Model model, string pipeline = "fold-constants", IConstantEvaluator? evaluator = null)
    {
        var context = new PassContext { ConstantEvaluator = evaluator };
        return new PassManager(PipelineRunner.Parse(pipeline), [new VerifyEachInstrumentation()]).Run(model, context);
    }

    public static Tensor Initializer(Model model, string name) =>
        model.Graph.FindValue(name)?.ConstValue ?? throw new InvalidOperationException($"'{name}' is not an initializer");

    public static long Counter(PipelineRunReport report, string name) =>
        (long)report.Runs.SelectMany(r => r.Statistics.Counters).Where(c => c.Key == name).Sum(c => c.Value);
}
