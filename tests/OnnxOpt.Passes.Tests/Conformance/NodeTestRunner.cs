using OnnxOpt.Graph.IR;
using OnnxOpt.Passes.Kernels;

namespace OnnxOpt.Passes.Tests.Conformance;

/// <summary>Evaluates a node test's model with the built-in kernels alone and compares with every data set's expected outputs.</summary>
public static class NodeTestRunner
{
    /// <summary>Null when every data set matches; otherwise what went wrong first.</summary>
    public static string? Check(NodeTestCase testCase)
    {
        Model model;
        try
        {
            model = testCase.LoadModel();
        }
        catch (OnnxFormatException e)
        {
            return $"model does not load: {e.Message}";
        }

        if (model.Graph.Inputs.Concat(model.Graph.Outputs).FirstOrDefault(v => v.NonTensorType is not null) is { } nonTensor)
        {
            return $"'{nonTensor.Name}' is not a tensor";
        }

        int set = 0;
        foreach (var (inputs, expected) in testCase.DataSets())
        {
            IReadOnlyDictionary<string, Tensor> outputs;
            try
            {
                outputs = GraphEvaluator.Run(model, inputs.Select((t, i) => AsDeclared(t, model.Graph.Inputs[i])).ToList());
            }
            catch (KernelException e)
            {
                return $"data set {set}: {e.Message}";
            }

            for (int i = 0; i < expected.Count; i++)
            {
                var name = model.Graph.Outputs[i].Name;
                if (TensorAssert.Difference(AsDeclared(expected[i], model.Graph.Outputs[i]), outputs[name]) is { } difference)
                {
                    return $"data set {set}, output '{name}': {difference}";
                }
            }

            set++;
        }

        return null;
    }

    // The ONNX 1.12 data sets store bfloat16 tensors as uint16 (numpy has no bfloat16); read them as the model declares.
    private static Tensor AsDeclared(Tensor tensor, Value declared) =>
        tensor.DataType == DataType.UInt16 && declared.ElementType == DataType.BFloat16
            ? Tensor.FromBytes(DataType.BFloat16, tensor.DimsArray(), tensor.Bytes)
            : tensor;
}
