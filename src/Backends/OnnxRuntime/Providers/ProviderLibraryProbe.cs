using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace OnnxOpt.Backends.OnnxRuntime.Providers;

/// <summary>
/// Finds out why a provider library will not load. ONNX Runtime only says "Failed to load shared library"
/// in its exception (the missing dependency goes to its log), so the library is opened once more here and
/// the loader's own reason is kept, shortened to e.g. "libcublas.so.13 not found".
/// </summary>
public static partial class ProviderLibraryProbe
{
    /// <summary>The reason the provider's shared library cannot be loaded, or null when it loads.</summary>
    public static string? WhyNotLoadable(ExecutionProviderKind kind)
    {
        string? file = LibraryFileName(kind);
        if (file is null)
        {
            return null;
        }

        string? path = Candidates(file).FirstOrDefault(File.Exists);
        if (path is null)
        {
            return $"{file} is not installed";
        }

        try
        {
            var handle = NativeLibrary.Load(path);
            NativeLibrary.Free(handle);
            return null;
        }
        catch (DllNotFoundException e)
        {
            return Shorten(e.Message);
        }
        catch (BadImageFormatException e)
        {
            return Shorten(e.Message);
        }
    }

    /// <summary>Turns a loader message into its last meaningful line; "X: cannot open shared object file" becomes "X not found".</summary>
    public static string Shorten(string message)
    {
        string last = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? message.Trim();
        var missing = MissingLibrary().Match(last);
        return missing.Success ? $"{missing.Groups[1].Value} not found" : last;
    }

    private static string? LibraryFileName(ExecutionProviderKind kind)
    {
        string? stem = kind switch
        {
            ExecutionProviderKind.TensorRt => "onnxruntime_providers_tensorrt",
            ExecutionProviderKind.Cuda => "onnxruntime_providers_cuda",
            _ => null,
        };
        if (stem is null)
        {
            return null;
        }

        return OperatingSystem.IsWindows() ? stem + ".dll" : OperatingSystem.IsMacOS() ? "lib" + stem + ".dylib" : "lib" + stem + ".so";
    }

    // ONNX Runtime loads providers from the folder of its own library: next to the app, or under runtimes/<rid>/native.
    private static IEnumerable<string> Candidates(string file)
    {
        string baseDir = AppContext.BaseDirectory;
        yield return Path.Combine(baseDir, file);
        yield return Path.Combine(baseDir, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", file);
        string arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        yield return Path.Combine(baseDir, "runtimes", $"{os}-{arch}", "native", file);
    }

    [GeneratedRegex(@"^(\S+): cannot open shared object file")]
    private static partial Regex MissingLibrary();
}
