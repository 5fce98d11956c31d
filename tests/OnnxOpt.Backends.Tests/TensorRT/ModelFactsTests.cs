using OnnxOpt.Backends.TensorRT.Engine;
using OnnxOpt.Backends.TensorRT;
using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using Xunit;

namespace OnnxOpt.Backends.Tests.TensorRT;

public sealed class ModelFactsTests
{
    [Fact]
    public void Two_of_every_four_input_channels_zero_is_2_4_sparse()
    {
        var sparse = ModelFacts.Inspect(TestModels.ConvRelu(sparse24: true)).Sparsity;
        Assert.True(sparse.Is24Pruned);
        Assert.Equal((1, 1, 576L), (sparse.EligibleTensors, sparse.SparseTensors, sparse.SparseParameters));
        Assert.False(ModelFacts.Inspect(TestModels.ConvRelu()).Sparsity.Is24Pruned);
    }

    [Fact]
    public void Groups_run_along_the_input_channel_axis_only()
    {
        // Zeros in every other output channel are not 2:4 along the input channels.
        var values = new float[4 * 4];
        for (int k = 0; k < 4; k++)
        {
            for (int c = 0; c < 4; c++)
            {
                values[(k * 4) + c] = k % 2 == 0 ? 0 : 1;
            }
        }

        Assert.False(StructuredSparsity.Is24Sparse(Tensor.Create(values, 4, 4, 1, 1), axis: 1));
        Assert.True(StructuredSparsity.Is24Sparse(Tensor.Create(values, 4, 4, 1, 1), axis: 0));
        Assert.True(StructuredSparsity.Is24Sparse(Tensor.Create(new float[] { 1, 1, 0, 0, 0, 1, 1 }, 1, 7), axis: 1));
        Assert.False(StructuredSparsity.Is24Sparse(Tensor.Create(new float[] { 1, 1, 0, 0, 1, 1, 1 }, 1, 7), axis: 1));
    }

    [Fact]
    public void Stems_with_fewer_than_four_input_channels_are_not_counted()
    {
        var b = new ModelBuilder(13);
        var x = b.Input("x", DataType.Float, 1, 3, 4, 4);
        b.Output(b.Op("Conv", "stem", [x, b.Constant("w", new float[8 * 3], 8, 3, 1, 1)]), "y");
        Assert.Equal(0, ModelFacts.Inspect(b.Build()).Sparsity.EligibleTensors);
    }

    [Fact]
    public void Float_type_and_dynamic_inputs_are_found()
    {
        Assert.Equal(DataType.Float, ModelFacts.Inspect(TestModels.ConvRelu()).FloatType);
        Assert.Equal(DataType.Float16, ModelFacts.Inspect(TestModels.ConvRelu(floatType: DataType.Float16)).FloatType);
        Assert.Equal(["x"], ModelFacts.Inspect(TestModels.ConvRelu(dynamicBatch: true)).DynamicInputs);
        Assert.False(ModelFacts.Inspect(TestModels.ConvRelu()).HasQdq);
    }

    [Fact]
    public void Shape_profiles_parse_and_reject_bad_text()
    {
        var profile = ShapeProfile.Parse("images:1x3x320x320,mask:1x1", "images:1x3x640x640,mask:1x1", "images:4x3x640x640,mask:1x1");
        Assert.Equal("images:1x3x320x320,mask:1x1", profile.MinText);
        Assert.Equal([4L, 3, 640, 640], profile.Find("images")!.Max);
        Assert.Equal("a:1x2", ShapeProfile.Fixed("a:1x2").MaxText);
        Assert.Throws<ArgumentException>(() => ShapeProfile.Fixed("images"));
        Assert.Throws<ArgumentException>(() => ShapeProfile.Fixed("images:1xAx3"));
        Assert.Throws<ArgumentException>(() => ShapeProfile.Parse("a:2", "a:1", "a:3"));
        Assert.Throws<ArgumentException>(() => ShapeProfile.Parse("a:1", "b:1", "a:1"));
    }
}
