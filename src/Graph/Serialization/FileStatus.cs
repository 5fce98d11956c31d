using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace OnnxOpt.Graph.Serialization;

/// <summary>
/// The kind, hard-link count and identity (device, inode) of a file, from <c>stat</c>/<c>lstat</c>. .NET reports a
/// FIFO or a device as an ordinary file of length 0, so the reader cannot tell them apart without this: opening a
/// FIFO blocks until a writer comes, and <c>/dev/zero</c> never ends. On systems without a known <c>struct stat</c>
/// layout (Windows, macOS) the kind is derived from .NET's view and the link count is 1.
/// </summary>
public sealed partial record FileStatus(FileKind Kind, long LinkCount, ulong Device, ulong Inode)
{
    /// <summary>The status of <paramref name="path"/>; with <paramref name="followLinks"/> false, a symbolic link is reported as one.</summary>
    public static FileStatus Of(string path, bool followLinks = true)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            return Portable(path, followLinks);
        }

        var buffer = new byte[256];
        int rc = followLinks ? Stat(path, ref buffer[0]) : LStat(path, ref buffer[0]);
        if (rc != 0)
        {
            return new FileStatus(FileKind.Missing, 0, 0, 0);
        }

        // struct stat: x86-64 puts st_nlink (8 bytes) before st_mode; the generic layout (arm64) puts st_mode first and a 4-byte st_nlink after it.
        bool x64 = RuntimeInformation.ProcessArchitecture == Architecture.X64;
        ulong device = BinaryPrimitives.ReadUInt64LittleEndian(buffer);
        ulong inode = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(8));
        uint mode = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(x64 ? 24 : 16));
        long links = x64 ? BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(16)) : BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(20));
        return new FileStatus(KindOf(mode), links, device, inode);
    }

    public bool IsRegular => Kind == FileKind.Regular;

    /// <summary>A FIFO, device or socket: something that is read or written in place, never replaced by a rename.</summary>
    public bool IsSpecial => Kind is FileKind.Fifo or FileKind.CharacterDevice or FileKind.BlockDevice or FileKind.Socket;

    /// <summary>Words for messages: "a FIFO", "a character device", ...</summary>
    public string Description => Kind switch
    {
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a folder",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        _ => "not a regular file",
    };

    private static FileKind KindOf(uint mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        0x1000 => FileKind.Fifo,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0xC000 => FileKind.Socket,
        _ => FileKind.Unknown,
    };

    private static FileStatus Portable(string path, bool followLinks)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists && info.LinkTarget is null)
        {
            return new FileStatus(FileKind.Missing, 0, 0, 0);
        }

        var kind = !followLinks && info.LinkTarget is not null ? FileKind.SymbolicLink : info is DirectoryInfo ? FileKind.Directory : FileKind.Regular;
        return new FileStatus(kind, 1, 0, 0);
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, ref byte buffer);

    [LibraryImport("libc", EntryPoint = "lstat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LStat(string path, ref byte buffer);
}
