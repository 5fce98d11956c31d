using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Transforms.Opset.Rules;

namespace OnnxOpt.Passes.Transforms.Opset.Adapters;

/// <summary>
/// Gelu (opset 20) below 20, by its definition: approximate="none" is 0.5·x·(1 + erf(x/√2)); approximate="tanh" is
/// 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). The constants need the data's element type.
/// </summary>
internal sealed class GeluAdapter : IVersionRule
{
    public static GeluAdapter Instance { get; } = new();

    private GeluAdapter()
    {
    }

    public RulePlan Plan(NodeConversion node, int since)
    {
        var n = node.Node;
        var x = n.Input(0)!;
        var type = node.ElementType(x);
        if (type is not (DataType.Float or DataType.Float16 or DataType.Double))
        {
            return RulePlan.Refuse($"its decomposition needs constants of the data's element type, which is {ClipAdapter.Describe(type)}");
        }

        string approximate = n.GetString("approximate", "none");
        if (approximate is not ("none" or "tanh"))
        {
            return RulePlan.Refuse($"approximate=\"{approximate}\" is not a Gelu variant");
        }

        return RulePlan.Do(() =>
        {
            Value Op(string op, string hint, params Value[] inputs) => node.InsertBefore(op, inputs, hint).Output(0);
            Value inner;
            if (approximate == "none")
            {
                inner = Op("Erf", "erf", Op("Mul", "scale", x, node.AddScalar("inv_sqrt2", type, 1 / Math.Sqrt(2))));
            }
            else
            {
                var cube = Op("Mul", "cube", Op("Mul", "square", x, x), x);
                var sum = Op("Add", "sum", x, Op("Mul", "cubic", cube, node.AddScalar("coefficient", type, 0.044715)));
                inner = Op("Tanh", "tanh", Op("Mul", "scale", sum, node.AddScalar("sqrt_2_over_pi", type, Math.Sqrt(2 / Math.PI))));
            }

            var gate = Op("Add", "one_plus", inner, node.AddScalar("one", type, 1));
            var half = Op("Mul", "half", x, node.AddScalar("half", type, 0.5));
            node.ReplaceWith(Op("Mul", "mul", half, gate));
        });
    }
}
