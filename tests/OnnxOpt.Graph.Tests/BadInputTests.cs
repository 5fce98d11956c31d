using System.Text;
using FsCheck.Xunit;
using Google.Protobuf;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Protos;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.Graph.Tests.Support;
using OnnxOpt.Graph.Text;
using OnnxOpt.Graph.Verification;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Graph.Tests;

/// <summary>Whatever the bytes, loading either gives a model or an <see cref="OnnxFormatException"/> with a useful message.</summary>
public sealed class BadInputTests
{
    [Fact]
    public void An_empty_file_is_refused()
    {
        using var temp = new TempDirectory();
        string path = temp.File("empty.onnx");
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<OnnxFormatException>(() => ModelReader.Load(path));

        Assert.Contains("is empty", error.Message);
        Assert.Contains("empty.onnx", error.Message);
    }

    [Fact]
    public void Missing_files_and_folders_are_format_errors_naming_the_path()
    {
        using var temp = new TempDirectory();

        Assert.Contains("nothere.onnx", Assert.Throws<OnnxFormatException>(() => ModelReader.Load(temp.File("nothere.onnx"))).Message);
        Assert.Contains(temp.Path, Assert.Throws<OnnxFormatException>(() => ModelReader.Load(temp.Path)).Message);
    }

    [SkippableFact]
    public void A_model_can_be_read_from_a_named_pipe()
    {
        using var temp = new TempDirectory();
        string fifo = temp.File("model.pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
            Skip.If(mkfifo.ExitCode != 0, "mkfifo is not available");
        }

        var model = RandomModels.Create(3);
        byte[] bytes = ModelWriter.ToBytes(model);
        var writer = Task.Run(() => File.WriteAllBytes(fifo, bytes));

        var read = ModelReader.Load(fifo);

        Assert.True(writer.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal(bytes, ModelWriter.ToBytes(read));
    }

    [Fact]
    public void A_json_file_is_refused()
    {
        using var temp = new TempDirectory();
        string path = temp.File("model.json");
        File.WriteAllText(path, "{\"irVersion\": \"8\", \"graph\": {\"node\": [{\"opType\": \"Relu\"}]}}\n");

        var error = Assert.Throws<OnnxFormatException>(() => ModelReader.Load(path));

        Assert.Contains("not an ONNX model", error.Message);
    }

    [Property(MaxTest = 500)]
    public void Random_bytes_load_or_throw_a_format_error(byte[] bytes) => LoadOrFormatError(bytes);

    [Property(MaxTest = 300)]
    public void Corrupted_real_models_load_or_throw_a_format_error(int seed, byte mutations)
    {
        var rng = new Random(seed);
        var bytes = ModelWriter.ToBytes(RandomModels.Create(seed)).ToList();
        for (int i = 0; i <= mutations % 8; i++)
        {
            int at = rng.Next(bytes.Count);
            switch (rng.Next(4))
            {
                case 0: bytes[at] = (byte)rng.Next(256); break;
                case 1: bytes[at] ^= (byte)(1 << rng.Next(8)); break;
                case 2: bytes.Insert(at, (byte)rng.Next(256)); break;
                default: bytes.RemoveAt(at); break;
            }
        }

        LoadOrFormatError(bytes.ToArray());
    }

    [Fact]
    public void A_model_truncated_inside_its_graph_is_always_refused()
    {
        byte[] bytes = ModelWriter.ToBytes(RandomModels.Create(12345));
        var (graphStart, graphEnd) = GraphFieldSpan(bytes);

        for (int length = graphStart; length < graphEnd; length += Math.Max(1, (graphEnd - graphStart) / 97))
        {
            var truncated = bytes.AsSpan(0, length).ToArray();
            Assert.Throws<OnnxFormatException>(() => ModelReader.Load(truncated));
        }
    }

    [Fact]
    public void A_model_truncated_anywhere_loads_or_throws_a_format_error()
    {
        byte[] bytes = ModelWriter.ToBytes(RandomModels.Create(777));
        for (int length = 0; length < bytes.Length; length++)
        {
            LoadOrFormatError(bytes.AsSpan(0, length).ToArray());
        }
    }

    [Fact]
    public void A_graph_with_a_cycle_loads_and_the_verifier_names_the_nodes_of_the_cycle()
    {
        var graph = ProtoModels.Graph(
            ProtoModels.Node("Add", "first", ["x", "b"], "a"),
            ProtoModels.Node("Relu", "second", ["a"], "b"));
        graph.Output.Add(ProtoModels.FloatInfo("b"));

        var model = ModelReader.Load(ProtoModels.Model(graph).ToByteArray());
        var errors = GraphVerifier.Verify(model).Where(d => d.IsError).Select(d => d.ToString()).ToList();

        var cycle = Assert.Single(errors, e => e.Contains("cycle"));
        Assert.Contains("'first'", cycle);
        Assert.Contains("'second'", cycle);
        Assert.Throws<OnnxFormatException>(() => GraphVerifier.ThrowIfInvalid(model));
    }

    [Fact]
    public void A_dangling_input_names_the_node_and_the_value()
    {
        var graph = ProtoModels.Graph(ProtoModels.Node("Relu", "the_relu", ["nowhere"], "y"));
        graph.Output.Add(ProtoModels.FloatInfo("y"));

        var error = Assert.Throws<OnnxFormatException>(() => ModelReader.Load(ProtoModels.Model(graph).ToByteArray()));

        Assert.Contains("'the_relu'", error.Message);
        Assert.Contains("'nowhere'", error.Message);
    }

    [Fact]
    public void A_value_with_two_producers_is_refused()
    {
        var graph = ProtoModels.Graph(ProtoModels.Node("Relu", "one", ["x"], "y"), ProtoModels.Node("Neg", "two", ["x"], "y"));
        graph.Output.Add(ProtoModels.FloatInfo("y"));

        var error = Assert.Throws<OnnxFormatException>(() => ModelReader.Load(ProtoModels.Model(graph).ToByteArray()));

        Assert.Contains("'y' has more than one producer", error.Message);
        Assert.Contains("'two'", error.Message);
    }

    [Fact]
    public void A_node_output_that_redefines_an_input_is_refused()
    {
        var graph = ProtoModels.Graph(ProtoModels.Node("Relu", "shadow", ["x"], "x"));
        graph.Output.Add(ProtoModels.FloatInfo("x"));

        Assert.Contains("'x' has more than one producer", Assert.Throws<OnnxFormatException>(() => ModelReader.Load(ProtoModels.Model(graph).ToByteArray())).Message);
    }

    [Fact]
    public void A_graph_output_nobody_produces_is_refused()
    {
        var graph = ProtoModels.Graph(ProtoModels.Node("Relu", "r", ["x"], "y"));
        graph.Output.Add(ProtoModels.FloatInfo("ghost"));

        var error = Assert.Throws<OnnxFormatException>(() => ModelReader.Load(ProtoModels.Model(graph).ToByteArray()));

        Assert.Contains("output 'ghost' is not produced", error.Message);
    }

    [Fact]
    public void A_model_without_graph_or_ir_version_is_refused()
    {
        var noGraph = new ModelProto { IrVersion = 8 };
        var noVersion = new ModelProto { Graph = new GraphProto() };

        Assert.Contains("no graph", Assert.Throws<OnnxFormatException>(() => ModelReader.Load(noGraph.ToByteArray())).Message);
        Assert.Contains("no ir_version", Assert.Throws<OnnxFormatException>(() => ModelReader.Load(noVersion.ToByteArray())).Message);
    }

    [Fact]
    public void A_cast_with_a_non_integer_to_attribute_is_reported_not_crashed_on()
    {
        var cast = ProtoModels.Node("Cast", "cast", ["x"], "y");
        cast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Float, F = 1 });
        var graph = ProtoModels.Graph(cast);
        graph.Output.Add(ProtoModels.FloatInfo("y"));

        var model = ModelReader.Load(ProtoModels.Model(graph).ToByteArray());

        Assert.Contains(GraphVerifier.Verify(model), d => d.IsError && d.Message.Contains("'to' must be an int"));
    }

    private static void LoadOrFormatError(byte[] bytes)
    {
        Model model;
        try
        {
            model = ModelReader.Load(bytes);
        }
        catch (OnnxFormatException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            Assert.DoesNotContain('\n', e.Message);
            return;
        }

        // What loads must be usable: verified, printed and written without any exception.
        GraphVerifier.Verify(model);
        GraphPrinter.Print(model);
        ModelWriter.ToBytes(model);
    }

    /// <summary>Where field 7 (graph) of the serialized ModelProto starts and ends.</summary>
    private static (int Start, int End) GraphFieldSpan(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        while (!input.IsAtEnd)
        {
            int start = (int)input.Position;
            uint tag = input.ReadTag();
            if (WireFormat.GetTagFieldNumber(tag) == 7)
            {
                int length = input.ReadLength();
                return (start, (int)input.Position + length);
            }

            input.SkipLastField();
        }

        throw new InvalidOperationException("no graph field: " + Encoding.ASCII.GetString(bytes, 0, Math.Min(20, bytes.Length)));
    }
}
