using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Kernels;

namespace OnnxOpt.Passes.Tests.Conformance;

/// <summary>
/// Finds the ONNX backend node tests (Debian package libonnx-testdata, or the folder in ONNX_TESTDATA) and picks the
/// cases the built-in kernels cover: every test whose model uses only ops that have a built-in kernel.
/// </summary>
public static class NodeTestSuite
{
    public const string DebianPath = "/usr/share/libonnx-testdata/data/node";

    public const string MissingMessage = "ONNX backend node tests not found: install the Debian package libonnx-testdata or set ONNX_TESTDATA to its data/node folder";

    private static readonly Lazy<IReadOnlyList<NodeTestCase>> Covered = new(FindCovered);

    public static string? Root
    {
        get
        {
            string? fromEnv = Environment.GetEnvironmentVariable("ONNX_TESTDATA");
            string path = string.IsNullOrEmpty(fromEnv) ? DebianPath : fromEnv;
            return Directory.Exists(path) ? path : null;
        }
    }

    public static IReadOnlyList<NodeTestCase> CoveredCases => Covered.Value;

    private static List<NodeTestCase> FindCovered()
    {
        if (Root is not { } root)
        {
            return [];
        }

        var cases = new List<NodeTestCase>();
        foreach (string dir in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            string file = Path.Combine(dir, "model.onnx");
            if (!File.Exists(file))
            {
                continue;
            }

            Model model;
            try
            {
                model = ModelReader.Load(file);
            }
            catch (OnnxFormatException)
            {
                continue;
            }

            if (model.Graph.Nodes.Count > 0 && model.Graph.Nodes.All(BuiltinKernels.Supports))
            {
                cases.Add(new NodeTestCase(Path.GetFileName(dir), dir));
            }
        }

        return cases;
    }
}
