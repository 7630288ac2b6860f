using System.Runtime.InteropServices;

namespace FlinkSdk.Storage;

/// <summary>
/// Makes directory entries (file creations, renames, deletions) durable.
/// </summary>
/// <remarks>
/// .NET cannot open a directory as a file (<c>File.OpenHandle</c> rejects directories on Unix), so on Linux and macOS
/// this calls libc directly: <c>open(path, O_RDONLY | O_CLOEXEC)</c>, <c>fsync(fd)</c>, <c>close(fd)</c>. File systems
/// that do not support fsync on directories (<c>EINVAL</c>, <c>EROFS</c>, <c>ENOTSUP</c>) are accepted silently. On Windows
/// nothing is done: NTFS journals directory metadata, and a rename of a flushed file is durable there.
/// </remarks>
internal static class DirectorySync
{
    private const int ORdOnly = 0;
    private const int EInterrupted = 4;
    private const int EInvalid = 22;
    private const int EReadOnlyFileSystem = 30;
    private const int ENotSupportedLinux = 95;
    private const int ENotSupportedMac = 45;

    // O_CLOEXEC differs between Linux (0x80000 on x86, x64 and arm64) and macOS (0x1000000).
    private static int OCloExec => OperatingSystem.IsMacOS() ? 0x1000000 : 0x80000;

    /// <summary>Whether directories are fsync'ed on this platform.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>Fsyncs <paramref name="directory"/> so that entries created, renamed or deleted in it survive a crash.</summary>
    /// <param name="directory">The directory.</param>
    /// <exception cref="IOException">The directory could not be opened or synced.</exception>
    public static void Fsync(string directory)
    {
        if (!IsSupported)
        {
            return;
        }

        nint path = Marshal.StringToCoTaskMemUTF8(directory);
        try
        {
            int fd = Open(path, ORdOnly | OCloExec);
            if (fd < 0)
            {
                int openError = Marshal.GetLastPInvokeError();
                throw new IOException($"Could not open directory '{directory}' to fsync it (errno {openError}: {Marshal.GetPInvokeErrorMessage(openError)}).");
            }

            try
            {
                int result;
                int error;
                do
                {
                    result = FileSync(fd);
                    error = result < 0 ? Marshal.GetLastPInvokeError() : 0;
                }
                while (result < 0 && error == EInterrupted);

                if (result < 0 && error != EInvalid && error != EReadOnlyFileSystem && error != ENotSupportedLinux && error != ENotSupportedMac)
                {
                    throw new IOException($"Could not fsync directory '{directory}' (errno {error}: {Marshal.GetPInvokeErrorMessage(error)}).");
                }
            }
            finally
            {
                _ = Close(fd);
            }
        }
        finally
        {
            Marshal.FreeCoTaskMem(path);
        }
    }

    /// <summary>Like <see cref="Fsync"/>, but ignores every error (used on best-effort paths such as deletion).</summary>
    /// <param name="directory">The directory.</param>
    public static void TryFsync(string directory)
    {
        try
        {
            Fsync(directory);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    // Plain DllImport with blittable signatures only (nint, int): no marshalling code is needed, so it is AOT-compatible
    // without LibraryImport (whose generated stubs would need AllowUnsafeBlocks in the project).
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open(nint path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int FileSync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
