using OnnxOpt.Graph.OpRules;
using OnnxOpt.Passes.Transforms.Shapes;
using Xunit;

namespace OnnxOpt.Passes.Tests.Shapes;

/// <summary>
/// Shape rules compute shapes; element types come from the op-rule table. Every op with a shape rule therefore
/// needs a table row, or infer-shapes would fall back to the shape rule's own guess of its type.
/// </summary>
public sealed class ShapeRuleCoverageTests
{
    [Fact]
    public void Every_op_with_a_shape_rule_has_an_op_rule()
    {
        var missing = ShapeRules.OpTypes.Where(op => OpRuleTable.Find(op) is null).Order(StringComparer.Ordinal).ToList();

        Assert.Empty(missing);
    }
}
