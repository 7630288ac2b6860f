using System.Text;
using FlinkSdk.Storage;

namespace FlinkSdk.Tests.Storage;

/// <summary>A fresh temp directory, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flinksdk-storage-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

internal static class StorageTestSupport
{
    public const string JobA = "0123456789abcdef0123456789abcdef";
    public const string JobB = "fedcba9876543210fedcba9876543210";

    public static byte[] Bytes(int count, int seed = 1)
    {
        var data = new byte[count];
        new Random(seed).NextBytes(data);
        return data;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Writes a checkpoint with one inline chunk and one file chunk; returns the handles.</summary>
    public static (StateHandle Inline, StateHandle File) WriteCheckpoint(ICheckpointStorage storage, long id, int fileSize = 50_000)
    {
        using var writer = storage.BeginCheckpoint(id);
        var inline = writer.WriteState(Utf8("small-" + id));
        var file = writer.WriteState(Bytes(fileSize, (int)id));
        writer.Commit(Utf8("metadata-" + id));
        return (inline, file);
    }

    public static string[] FilesUnder(string directory) =>
        Directory.Exists(directory)
            ? [.. Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Select(p => System.IO.Path.GetRelativePath(directory, p).Replace('\\', '/')).Order(StringComparer.Ordinal)]
            : [];
}
