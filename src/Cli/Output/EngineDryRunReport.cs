using System.Text.Json.Nodes;
using System.Text;
using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT.Targets;
using OnnxOpt.Backends.TensorRT.Trtexec;
using OnnxOpt.Backends.TensorRT;

namespace OnnxOpt.Cli.Output;

/// <summary>What `onnxopt engine --dry-run` prints: the resolved plan, its notes, and the command or provider options it would use.</summary>
public static class EngineDryRunReport
{
    public static string ToText(EnginePlan plan, TrtexecCommand command, string trtexec)
    {
        var text = Header(plan);
        text.AppendLine($"command: {command.ToCommandLine(trtexec)}");
        return text.ToString();
    }

    public static string ToText(EnginePlan plan, IReadOnlyDictionary<string, string> providerOptions)
    {
        var text = Header(plan);
        text.AppendLine("TensorRT provider options:");
        foreach (var (key, value) in providerOptions.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.AppendLine($"  {key}={value}");
        }

        return text.ToString();
    }

    public static string ToJson(EnginePlan plan, TrtexecCommand command, string modelPath) =>
        Serialize(plan, modelPath, new JsonObject { ["driver"] = "trtexec", ["command"] = TensorRtJson.Array(command.Arguments), ["commandLine"] = command.ToCommandLine() });

    public static string ToJson(EnginePlan plan, IReadOnlyDictionary<string, string> providerOptions, string modelPath) =>
        Serialize(plan, modelPath, new JsonObject { ["driver"] = "ort", ["providerOptions"] = TensorRtJson.Object(providerOptions) });

    private static StringBuilder Header(EnginePlan plan)
    {
        var text = new StringBuilder();
        text.AppendLine("dry run: nothing is built");
        text.AppendLine($"target: {plan.Target}, precision {plan.Precision.CliName()}");
        text.AppendLine($"options: {plan.CanonicalOptions}");
        foreach (string note in plan.Notes)
        {
            text.AppendLine($"note: {note}");
        }

        return text;
    }

    private static string Serialize(EnginePlan plan, string modelPath, JsonObject driver)
    {
        var document = new JsonObject
        {
            ["dryRun"] = true,
            ["model"] = modelPath,
            ["target"] = plan.Target.Name,
            ["tensorRt"] = plan.Target.TensorRtText,
            ["precision"] = plan.Precision.CliName(),
            ["options"] = plan.CanonicalOptions,
            ["notes"] = TensorRtJson.Array(plan.Notes),
        };
        foreach (var (key, value) in driver.ToList())
        {
            driver.Remove(key);
            document[key] = value;
        }

        return TensorRtJson.Write(document);
    }
}
