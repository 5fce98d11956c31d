using OnnxOpt.Passes.Transforms.Opset;
using Xunit;

namespace OnnxOpt.Passes.Tests.Opset;

/// <summary>The version table: its shape (checked when it is built) and its facts against the ONNX operator sets.</summary>
public sealed class OpVersionTableTests
{
    [Fact]
    public void Table_builds_and_every_history_ascends_within_the_known_opsets()
    {
        var known = OpsetConversion.KnownOperators;

        Assert.True(known.Count > 150, $"only {known.Count} operators are tabled");
        foreach (string op in known)
        {
            var versions = OpsetConversion.Versions(op);
            Assert.True(versions.SequenceEqual(versions.Distinct().Order()), $"{op}: {string.Join(",", versions)}");
            Assert.InRange(versions[^1], 1, OpsetConversion.MaxTarget);
        }
    }

    [Fact]
    public void Operator_versions_match_the_onnx_operator_sets()
    {
        // Spot checks against onnx/defs/operator_sets.h: the opsets at which these operators got a new version.
        var expected = new Dictionary<string, int[]>
        {
            ["Conv"] = [1, 11, 22],
            ["Clip"] = [1, 11, 12, 13],
            ["Pad"] = [1, 11, 13, 18, 19, 21],
            ["Squeeze"] = [1, 11, 13, 21],
            ["Softmax"] = [1, 11, 13],
            ["Shape"] = [1, 13, 15, 19, 21],
            ["BatchNormalization"] = [1, 9, 14, 15],
            ["Dropout"] = [1, 10, 12, 13, 22],
            ["Cast"] = [1, 9, 13, 19, 21],
            ["Constant"] = [1, 9, 11, 12, 13, 19, 21],
            ["ConstantOfShape"] = [9, 20, 21],
            ["Add"] = [1, 13, 14],
            ["MaxPool"] = [1, 8, 10, 11, 12, 22],
            ["AveragePool"] = [1, 10, 11, 19, 22],
            ["Equal"] = [1, 11, 13, 19],
            ["Identity"] = [1, 13, 14, 16, 19, 21],
            ["GridSample"] = [16, 20, 22],
            ["Gelu"] = [20],
        };

        foreach (var (op, versions) in expected)
        {
            Assert.Equal(versions, OpsetConversion.Versions(op));
        }
    }
}
