using OnnxOpt.Graph.Building;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Passes.Infrastructure;
using OnnxOpt.Passes.Pipelines;
using OnnxOpt.Passes.Transforms.Opset;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Passes.Tests.Opset;

using Graph = OnnxOpt.Graph.IR.OnnxGraph;

/// <summary>The pass as a pipeline citizen: options, opset stamp, IR version, statistics, budget, subgraphs, refusals.</summary>
public sealed class ConvertOpsetPassTests
{
    private static Model Small(int opset)
    {
        var b = new ModelBuilder(opset);
        var x = OpsetModels.Floats(b, "x", 2, 3);
        OpsetModels.Output(b, OpsetModels.Axes(b, "Unsqueeze", b.Op("Relu", [x]), [0]), "y", 1, 2, 3);
        return b.Build();
    }

    [Fact]
    public void Pass_is_registered_with_a_version_option()
    {
        Assert.Equal("convert-opset{version=17}", PipelineRunner.Parse("convert-opset").ToPipelineText());
        Assert.Equal("convert-opset{version=11}", PipelineRunner.Parse("convert-opset{version=11}").ToPipelineText());
        var info = Assert.Single(PipelineRunner.Registry.Passes, p => p.Name == "convert-opset");
        Assert.Equal("version", Assert.Single(info.Options).Name);
    }

    [Theory]
    [InlineData("convert-opset{version=10}", "convert-opset: option 'version' must be between 11 and 22, not 10")]
    [InlineData("convert-opset{version=23}", "convert-opset: option 'version' must be between 11 and 22, not 23")]
    [InlineData("convert-opset{version=x}", "bad value 'x' for option 'version'")]
    public void Versions_outside_the_supported_range_are_rejected(string text, string message)
    {
        var error = Assert.Throws<PipelineException>(() => PipelineRunner.Parse(text));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_opset_import_is_replaced_and_other_domains_are_kept()
    {
        var model = Small(13);
        model.OpsetImports.Add(new OpsetImport("com.microsoft", 1));
        model.IrVersion = 7;

        var report = PipelineRunner.Run(model, "convert-opset{version=21}");

        Assert.Equal([new OpsetImport(string.Empty, 21), new OpsetImport("com.microsoft", 1)], model.OpsetImports);
        Assert.Equal(10, model.IrVersion);
        var run = Assert.Single(report.Runs);
        Assert.True(run.Changed);
        Assert.Equal(13, run.Statistics.Get("source-opset"));
        Assert.Equal(21, run.Statistics.Get("target-opset"));
    }

    [Fact]
    public void Going_down_lowers_the_ir_version_to_the_targets_era()
    {
        var model = Small(20);
        model.IrVersion = 9;

        OpsetAssert.RoundTrip(model, 11);
        PipelineRunner.Run(model, "convert-opset{version=11}");

        // Parsers of opset 11's era (onnx 1.6, TensorRT 8.2 for opset 13) refuse IR 9 files.
        Assert.Equal(6, model.IrVersion);
        Assert.Equal(1, Assert.Single(Assert.Single(PipelineRunner.Run(Small(20), "convert-opset{version=11}").Runs).Statistics.Counters, c => c.Key == "nodes-rewritten").Value);
    }

    [Fact]
    public void Same_opset_changes_nothing()
    {
        var model = Small(17);
        var before = ModelWriter.ToBytes(model);

        var report = PipelineRunner.Run(model, "convert-opset{version=17}");

        Assert.False(Assert.Single(report.Runs).Changed);
        Assert.Equal(before, ModelWriter.ToBytes(model));
    }

    [Fact]
    public void An_exhausted_rewrite_budget_leaves_the_model_unconverted()
    {
        var model = Small(13);

        var pass = new ConvertOpset(new ConvertOpsetOptions { Version = 11 });

        var result = pass.Run(model, new PassContext(new RewriteBudget(0)));

        Assert.False(result.Changed);
        Assert.Equal(13, model.GetOpset());
        Assert.True(pass.Run(model, new PassContext(new RewriteBudget(1))).Changed);
        Assert.Equal(11, model.GetOpset());
    }

    [Theory]
    [InlineData(6L, "the model imports opset 6; models from opset 7 to 22 can be converted")]
    [InlineData(23L, "the model imports opset 23; models from opset 7 to 22 can be converted")]
    public void Source_opsets_outside_the_table_are_refused(long opset, string message)
    {
        var model = Small(13);
        model.OpsetImports[0] = new OpsetImport(string.Empty, opset);

        Assert.Equal(message, Assert.Single(OpsetAssert.Refused(model, 13)));
    }

    [Fact]
    public void Every_blocking_node_is_reported_and_the_message_names_the_count()
    {
        var b = new ModelBuilder(18);
        var x = OpsetModels.Floats(b, "x", 2, 3);
        var axes = b.Input("axes", DataType.Int64, 1);
        var first = b.Op("ReduceMean", "first", [x, axes]);
        b.Output(b.Op("ReduceMax", "second", [first, axes]), "y", DataType.Float);
        var model = b.Build();

        var problems = OpsetAssert.Refused(model, 17);
        var error = Assert.Throws<OpsetConversionException>(() => OpsetConversion.Convert(model, 17));

        Assert.Equal(2, problems.Count);
        Assert.Equal($"cannot convert to opset 17: {problems[0]} (and 1 more problem)", error.Message);
        Assert.Empty(OpsetConversion.CanConvert(Small(18), 11));
    }

    [Fact]
    public void Unknown_default_domain_operators_are_refused_and_custom_domains_are_left_alone()
    {
        var b = new ModelBuilder(13);
        b.Model.OpsetImports.Add(new OpsetImport("custom", 1));
        var x = OpsetModels.Floats(b, "x", 2);
        var custom = b.Node("Anything", [x], name: "mine", domain: "custom").Outputs[0];
        b.Output(b.Op("FrobnicateV2", "frob", [custom]), "y", DataType.Float);
        var model = b.Build();

        Assert.Equal("node 'frob' (FrobnicateV2): FrobnicateV2 is not an ONNX operator this converter has a version history for", Assert.Single(OpsetAssert.Refused(model, 11)));
    }

    [Fact]
    public void Custom_domain_nodes_are_left_as_they_are()
    {
        var b = new ModelBuilder(13);
        b.Model.OpsetImports.Add(new OpsetImport("custom", 1));
        var x = OpsetModels.Floats(b, "x", 2, 3);
        var axes = b.Constant("axes", new long[] { 0 }, 1);
        var custom = b.Node("Unsqueeze", [x, axes], name: "custom_unsqueeze", domain: "custom");
        b.Output(OpsetModels.Axes(b, "Unsqueeze", custom.Outputs[0], [0]), "y", DataType.Float);
        var model = b.Build();

        var converted = OpsetAssert.Converted(model, 11);

        var kept = converted.Graph.Nodes.Single(n => n.Domain == "custom");
        Assert.Equal(2, kept.Inputs.Count);
        Assert.Empty(kept.Attributes);
        Assert.Equal([0L], converted.Graph.Nodes.Single(n => n.IsDefaultDomain).GetInts("axes"));
        Assert.Contains(new OpsetImport("custom", 1), converted.OpsetImports);
    }

    [Fact]
    public void Nodes_inside_subgraphs_are_converted_with_their_own_initializers()
    {
        var b = new ModelBuilder(11);
        var x = OpsetModels.Floats(b, "x", 2, 3);
        var condition = b.Input("condition", DataType.Bool, []);
        OnnxGraph Branch(string name, long axis)
        {
            var branch = new OnnxGraph(name);
            var node = branch.AddNode("Unsqueeze", [x], 1, $"{name}_unsqueeze", [NodeAttribute.Ints("axes", axis)], outputNames: [$"{name}_out"]);
            var output = node.Output(0);
            output.ElementType = DataType.Float;
            branch.AddOutput(output);
            return branch;
        }

        var choice = b.Node("If", [condition], 1, "choose", [NodeAttribute.FromGraph("then_branch", Branch("then", 0)), NodeAttribute.FromGraph("else_branch", Branch("else", 2))]);
        b.Output(choice.Outputs[0], "y", DataType.Float);
        var model = b.Build();

        var converted = OpsetAssert.Converted(model, 13);
        Equivalence.AssertSameOutputs(model, converted);

        var branches = converted.Graph.Nodes.Single().Subgraphs().ToList();
        Assert.All(branches, g => Assert.Equal(DataType.Int64, Assert.Single(g.Initializers).ConstValue!.DataType));
        Assert.All(branches, g => Assert.Equal(2, g.Nodes[0].Inputs.Count));
    }

    [Fact]
    public void Version_history_names_the_signature_changes()
    {
        Assert.Equal([1, 11, 13, 18], OpsetConversion.Versions("Split"));
        Assert.Equal([10, 11, 13, 18, 19], OpsetConversion.Versions("Resize"));
        Assert.Equal([1, 11, 13], OpsetConversion.Versions("ReduceSum"));
        Assert.Equal([1, 11, 12, 13, 18, 20], OpsetConversion.Versions("ReduceMax"));
        Assert.Equal([14, 22], OpsetConversion.Versions("HardSwish"));
        Assert.Equal([1, 13, 14, 19, 21], OpsetConversion.Versions("Reshape"));
        Assert.Empty(OpsetConversion.Versions("NotAnOperator"));
    }
}
