using OnnxOpt.Fuzz.Reader;
using SharpFuzz;

// Without arguments: SharpFuzz's entry point. Under afl-fuzz (scripts/fuzz-sharpfuzz.sh) its fork server feeds each
// input on standard input; outside AFL++ it runs the one input on standard input, which also works on the
// instrumented build (`dotnet OnnxOpt.Fuzz.Reader.dll < crash`).
// With files or folders as arguments: replay them on an uninstrumented build
// (`dotnet run -c Release --project fuzz/OnnxOpt.Fuzz.Reader -- findings/default/crashes`), printing the exception of
// the first input that fails the target. The instrumented libraries need AFL++'s trace memory, which only the
// entry point above sets up.
if (args.Length == 0)
{
    Fuzzer.OutOfProcess.Run(ReaderTarget.Run);
    return 0;
}

foreach (string path in args.SelectMany(a => Directory.Exists(a) ? Directory.GetFiles(a) : [a]))
{
    try
    {
        ReaderTarget.Run(File.ReadAllBytes(path));
    }
    catch (Exception e)
    {
        Console.Error.WriteLine($"crash: {path}: {e}");
        return 1;
    }

    Console.WriteLine($"ok: {path}");
}

return 0;
