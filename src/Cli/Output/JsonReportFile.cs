using System.Text.Json.Nodes;
using System.Text;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Driver;

namespace OnnxOpt.Cli.Output;

/// <summary>Writes a `--report FILE.json` through a temporary file and a rename, like every other output; `-` is standard output.</summary>
public static class JsonReportFile
{
    public static void Write(string path, JsonNode json, TextWriter stdout)
    {
        if (path == OutputPaths.StandardOutput)
        {
            stdout.WriteLine(ReportJson.Serialize(json));
            return;
        }

        Write(path, json);
    }

    public static void Write(string path, JsonNode json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(ReportJson.Serialize(json) + "\n");
        // AtomicFile flushes and closes the stream itself, so nothing here may dispose it first.
        AtomicFile.Write(path, s => s.Write(bytes));
    }
}
