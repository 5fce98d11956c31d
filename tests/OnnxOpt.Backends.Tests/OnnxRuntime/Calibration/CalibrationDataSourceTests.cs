using System.Text;
using OnnxOpt.Backends.OnnxRuntime.Calibration;
using OnnxOpt.Graph.IR;
using OnnxOpt.Graph.Serialization;
using OnnxOpt.TestSupport;
using Xunit;

namespace OnnxOpt.Backends.Tests.OnnxRuntime.Calibration;

public sealed class CalibrationDataSourceTests
{
    private static readonly CalibrationInput Input = new("x", 8, 6);

    [Fact]
    public void Reads_npy_and_pb_tensors_adding_the_batch_dimension()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("a.npy"), Npy("<f4", "(2, 3)", BitConverterBytes([1f, 2f, 3f, 4f, 5f, 6f])));
        File.WriteAllBytes(dir.File("b.pb"), TensorSerialization.ToBytes(Tensor.Create([7f, 8f, 9f], 3, 1, 1)));
        File.WriteAllText(dir.File("notes.txt"), "ignored");

        var source = CalibrationDataSource.Open(dir.Path, Input);
        var samples = source.Samples().ToList();

        Assert.Equal(2, source.Count);
        Assert.Equal([2L, 3], samples[0].Inputs["x"].Dims);
        Assert.Equal([4f, 5f, 6f], samples[0].Inputs["x"].ToArray<float>()[3..]);
        Assert.Equal([1L, 3, 1, 1], samples[1].Inputs["x"].Dims);
    }

    [Fact]
    public void Float64_npy_is_narrowed_to_float32()
    {
        var bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes.AsSpan(0), 1.5);
        BitConverter.TryWriteBytes(bytes.AsSpan(8), -2.25);
        var tensor = NpyReader.Read(Npy("<f8", "(2,)", bytes));
        Assert.Equal(DataType.Float, tensor.DataType);
        Assert.Equal([1.5f, -2.25f], tensor.ToArray<float>());
    }

    [Fact]
    public void Limit_picks_a_seeded_subset_that_repeats()
    {
        using var dir = new TempDirectory();
        for (int i = 0; i < 10; i++)
        {
            File.WriteAllBytes(dir.File($"{i:D2}.npy"), Npy("<f4", "(1,)", BitConverterBytes([i])));
        }

        var first = CalibrationDataSource.Open(dir.Path, Input, limit: 4, seed: 3).Files;
        var again = CalibrationDataSource.Open(dir.Path, Input, limit: 4, seed: 3).Files;
        var other = CalibrationDataSource.Open(dir.Path, Input, limit: 4, seed: 4).Files;

        Assert.Equal(4, first.Count);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(10, CalibrationDataSource.Open(dir.Path, Input, limit: 4).Available);
    }

    [Fact]
    public void Missing_or_empty_paths_are_clear_errors()
    {
        using var dir = new TempDirectory();
        Assert.Throws<FileNotFoundException>(() => CalibrationDataSource.Open(dir.File("none"), Input));
        var error = Assert.Throws<InvalidDataException>(() => CalibrationDataSource.Open(dir.Path, Input));
        Assert.Contains("holds no images", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_go_through_the_given_preprocessing_at_the_model_input_size()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("a.jpg"), [1]);
        var asked = new List<(string, int, int)>();
        var source = CalibrationDataSource.Open(dir.Path, new CalibrationInput("images", 320, 256), images: (path, w, h) =>
        {
            asked.Add((Path.GetFileName(path), w, h));
            return Tensor.Create(new float[3 * w * h], 1, 3, h, w);
        });

        var sample = source.Samples().Single();
        Assert.Equal([("a.jpg", 320, 256)], asked);
        Assert.Equal([1L, 3, 256, 320], sample.Inputs["images"].Dims);
    }

    [Fact]
    public void Images_without_preprocessing_are_refused()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("a.png"), [1]);
        var error = Assert.Throws<InvalidDataException>(() => CalibrationDataSource.Open(dir.Path, Input));
        Assert.Contains("no image preprocessing", error.Message, StringComparison.Ordinal);
    }

    private static byte[] BitConverterBytes(float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    internal static byte[] Npy(string descr, string shape, byte[] data)
    {
        string header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        int total = 10 + header.Length + 1;
        header += new string(' ', (64 - (total % 64)) % 64) + "\n";
        var bytes = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 };
        bytes.AddRange(BitConverter.GetBytes((ushort)header.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange(data);
        return [.. bytes];
    }
}
