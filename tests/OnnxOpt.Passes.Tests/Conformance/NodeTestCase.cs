using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;

namespace OnnxOpt.Passes.Tests.Conformance;

/// <summary>One ONNX backend node test: its model and the input/output tensors of each of its data sets.</summary>
public sealed record NodeTestCase(string Name, string Directory)
{
    public Model LoadModel() => ModelReader.Load(Path.Combine(Directory, "model.onnx"));

    /// <summary>(inputs, expected outputs) per test_data_set_* folder, in file order.</summary>
    public IEnumerable<(IReadOnlyList<Tensor> Inputs, IReadOnlyList<Tensor> Outputs)> DataSets()
    {
        foreach (string set in System.IO.Directory.GetDirectories(Directory, "test_data_set_*").Order(StringComparer.Ordinal))
        {
            yield return (Read(set, "input_"), Read(set, "output_"));
        }
    }

    private static List<Tensor> Read(string folder, string prefix)
    {
        var files = System.IO.Directory.GetFiles(folder, prefix + "*.pb")
            .OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f)[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture));
        return files.Select(f => TensorSerialization.FromBytes(File.ReadAllBytes(f))).ToList();
    }
}
