using OnnxOpt.Graph.IR;

namespace OnnxOpt.Graph.Serialization;

/// <summary>The files a loaded model comes from: the model file and every external data file its tensors read.</summary>
public static class InputFiles
{
    public static IReadOnlyList<string> Of(string modelPath, Model model)
    {
        var files = new List<string> { modelPath };
        foreach (var graph in model.Graph.AllGraphs())
        {
            foreach (var value in graph.Initializers)
            {
                if (value.ConstValue?.External is { } external && !files.Contains(external.FullPath))
                {
                    files.Add(external.FullPath);
                }
            }
        }

        return files;
    }
}
