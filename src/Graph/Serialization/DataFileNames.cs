using System.Text.RegularExpressions;

namespace OnnxOpt.Graph.Serialization;

/// <summary>
/// Names of the external data files the writer makes for a model file NAME: <c>NAME.data</c>, or
/// <c>NAME.XXXXXXXX.data</c> (8 hex digits) when <c>NAME.data</c> already exists. A new data file therefore never
/// replaces one that the model currently on disk reads; once the new model is renamed into place, the writer's
/// earlier data files for NAME are deleted.
/// </summary>
public static partial class DataFileNames
{
    /// <summary>A data file name for <paramref name="modelFileName"/> that no file in <paramref name="folder"/> has.</summary>
    public static string Fresh(string folder, string modelFileName)
    {
        string plain = modelFileName + ".data";
        if (FileStatus.Of(Path.Combine(folder, plain), followLinks: false).Kind == FileKind.Missing)
        {
            return plain;
        }

        while (true)
        {
            string unique = $"{modelFileName}.{Random.Shared.Next():x8}.data";
            if (FileStatus.Of(Path.Combine(folder, unique), followLinks: false).Kind == FileKind.Missing)
            {
                return unique;
            }
        }
    }

    /// <summary>Full paths of the data files the writer made earlier for <paramref name="modelFileName"/> in <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> Existing(string folder, string modelFileName)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        try
        {
            return Directory.EnumerateFiles(folder, modelFileName + ".*data")
                .Where(p => IsWritersName(Path.GetFileName(p), modelFileName))
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool IsWritersName(string name, string modelFileName) =>
        name == modelFileName + ".data"
        || (name.StartsWith(modelFileName + ".", StringComparison.Ordinal) && UniqueSuffix().IsMatch(name[modelFileName.Length..]));

    [GeneratedRegex("^\\.[0-9a-f]{8}\\.data$")]
    private static partial Regex UniqueSuffix();
}
