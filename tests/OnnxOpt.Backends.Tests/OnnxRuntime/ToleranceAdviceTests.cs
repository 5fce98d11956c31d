using OnnxOpt.Backends.OnnxRuntime;
using OnnxOpt.Graph.Analysis;
using OnnxOpt.Graph.IR;
using Xunit;

namespace OnnxOpt.Backends.Tests.OnnxRuntime;

public sealed class ToleranceAdviceTests
{
    [Fact]
    public void A_float32_candidate_keeps_the_default_tolerances()
    {
        var advice = ToleranceAdvice.For(ModelSummarizer.Summarize(TestModels.ConvRelu()));
        Assert.Equal(ComputePrecision.Float32, advice.Precision);
        Assert.Equal((1e-5, 1e-4), (advice.Atol, advice.Rtol));
        Assert.False(advice.IsLoosened);
    }

    [Fact]
    public void A_float16_candidate_is_judged_at_one_percent_and_by_cosine()
    {
        var advice = ToleranceAdvice.For(ModelSummarizer.Summarize(TestModels.ConvRelu(floatType: DataType.Float16)));
        Assert.Equal(ComputePrecision.Float16, advice.Precision);
        Assert.Equal((1e-2, 1e-2), (advice.Atol, advice.Rtol));
        Assert.True(advice.MinCosine < 1);
        Assert.Contains("--min-cosine 0.9999", advice.Reason);
        Assert.True(advice.IsLoosened);
    }

    [Fact]
    public void A_pruned_candidate_is_sent_to_detection_level_unless_the_reference_was_as_sparse()
    {
        var sparse = ModelSummarizer.Summarize(TestModels.ConvRelu(sparse24: true));
        var dense = ModelSummarizer.Summarize(TestModels.ConvRelu());
        var advice = ToleranceAdvice.For(sparse, dense);
        Assert.True(advice.IsPruned);
        Assert.Contains("detection level", advice.Reason);
        var same = ToleranceAdvice.For(sparse, sparse);
        Assert.False(same.IsPruned);
        Assert.DoesNotContain("detection level", same.Reason);
    }

    [Fact]
    public void Quantization_ops_mean_int8()
    {
        var summary = ModelSummarizer.Summarize(TestModels.SingleOp("DequantizeLinear"));
        Assert.Equal(ComputePrecision.Int8, ToleranceAdvice.PrecisionOf(summary));
    }
}
