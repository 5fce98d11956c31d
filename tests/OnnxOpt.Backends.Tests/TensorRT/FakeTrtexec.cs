using OnnxOpt.TestSupport;

namespace OnnxOpt.Backends.Tests.TensorRT;

/// <summary>
/// Drives Fixtures/fake-trtexec.sh: picks the recorded log it prints and the exit code, and reads back the
/// argument lists of every invocation. The recorded logs are constructed in trtexec's documented format.
/// </summary>
internal sealed class FakeTrtexec : IDisposable
{
    private readonly TempDirectory _temp = new();

    public FakeTrtexec(string sample = "trt10.3-jetson-orin.log", int exitCode = 0)
    {
        Path = Fixture("fake-trtexec.sh");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        }

        ArgsFile = _temp.File("args.txt");
        Environment = new Dictionary<string, string>
        {
            ["FAKE_TRTEXEC_ARGS"] = ArgsFile,
            ["FAKE_TRTEXEC_SAMPLE"] = Sample(sample),
            ["FAKE_TRTEXEC_EXIT"] = exitCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public string Path { get; }

    public string ArgsFile { get; }

    public Dictionary<string, string> Environment { get; }

    public string Directory => _temp.Path;

    /// <summary>The argument list of each invocation so far.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Invocations
    {
        get
        {
            if (!File.Exists(ArgsFile))
            {
                return [];
            }

            var invocations = new List<IReadOnlyList<string>>();
            var current = new List<string>();
            foreach (string line in File.ReadAllLines(ArgsFile))
            {
                if (line == "--")
                {
                    invocations.Add(current);
                    current = [];
                }
                else
                {
                    current.Add(line);
                }
            }

            return invocations;
        }
    }

    public static string Fixture(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Sample(string name) => Fixture(System.IO.Path.Combine("trtexec", name));

    public void Dispose() => _temp.Dispose();
}
