namespace OnnxOpt.Backends.TensorRT.Checking.Rules;

/// <summary>The model's default-domain opset must lie in the range the target's parser imports.</summary>
public sealed class OpsetRule : ICheckRule
{
    public void Check(CheckContext context)
    {
        long? opset = context.Model.GetOpset();
        var parser = context.Parser;
        if (opset is null)
        {
            return;
        }

        if (opset > parser.MaxOpset)
        {
            context.ReportModel(
                CheckSeverity.Unsupported,
                "opset",
                $"opset {opset} is newer than {parser.Name} imports (up to {parser.MaxOpset})",
                new SuggestedFix(FixPipelines.ConvertOpset(parser.MaxOpset), $"rewrite the model in opset {parser.MaxOpset}"));
        }
        else if (opset < parser.MinOpset)
        {
            context.ReportModel(
                CheckSeverity.Unsupported,
                "opset",
                $"opset {opset} is older than {parser.Name} imports (from {parser.MinOpset})",
                new SuggestedFix(FixPipelines.ConvertOpset(Math.Max(parser.MinOpset, 13)), "upgrade the model's opset"));
        }
    }
}
