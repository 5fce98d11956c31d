namespace OnnxOpt.Backends.TensorRT.Checking.Rules;

/// <summary>
/// Inputs with symbolic or unknown dims need an optimization profile (min/opt/max shapes) to build an engine;
/// without one trtexec guesses 1 for every dynamic dim.
/// </summary>
public sealed class DynamicShapeRule : ICheckRule
{
    public void Check(CheckContext context)
    {
        foreach (var input in context.Model.Graph.Inputs.Where(v => !v.IsInitializer))
        {
            if (input.Shape is { IsStatic: true })
            {
                continue;
            }

            if (context.Options.Shapes?.Find(input.Name) is not null)
            {
                context.ReportValue(input, CheckSeverity.Info, "dynamic-shape", $"dynamic input {input.Shape?.ToString() ?? "[?]"} is covered by the given optimization profile");
                continue;
            }

            var shapes = context.InputShapes;
            context.ReportValue(input, CheckSeverity.Warning, "dynamic-shape",
                $"input has dynamic shape {input.Shape?.ToString() ?? "[?]"}; TensorRT needs an optimization profile (min/opt/max shapes) for it",
                shapes.Pipeline is { } fix
                    ? new SuggestedFix(fix, "fix the input shape to the model's own size (or give min/opt/max shapes when building)")
                    : new SuggestedFix(null, $"give min/opt/max shapes when building, or fix the input shape: {shapes.Template} with the sizes you deploy"));
        }
    }
}
