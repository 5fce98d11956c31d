using System.Security.Cryptography;
using System.Text;
using OnnxOpt.Graph.IR;

namespace OnnxOpt.Backends.TensorRT.Engine;

/// <summary>
/// The engine cache key: SHA-256 over the model's bytes (its external data files included), the target, the
/// resolved build options, the TensorRT version and the device name. Any of them changing gives a new engine,
/// because a TensorRT engine only runs on the version and GPU it was built for.
/// </summary>
public static class EngineCacheKey
{
    public static string Compute(string modelSha256, string target, string canonicalOptions, string tensorRtVersion, string deviceName)
    {
        string material = string.Join("\n", "onnxopt-engine-v1", modelSha256, target, canonicalOptions, tensorRtVersion, deviceName);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }

    /// <summary>SHA-256 of the model file followed by each external data file it references, in name order.</summary>
    public static string HashModel(string modelPath, Model model)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, modelPath);
        var external = model.Graph.AllGraphs()
            .SelectMany(g => g.Initializers)
            .Select(v => v.ConstValue?.External?.FullPath)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (string file in external)
        {
            Append(hash, file);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string file)
    {
        using var stream = File.OpenRead(file);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }
    }
}
