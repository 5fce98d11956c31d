namespace OnnxOpt.Graph.Serialization;

/// <summary>What kind of file a path names, as far as reading and writing safely is concerned.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Unknown,
}
