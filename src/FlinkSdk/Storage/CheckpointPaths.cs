using System.Globalization;

namespace FlinkSdk.Storage;

/// <summary>Names and path handling of Flink's checkpoint directory layout.</summary>
internal static class CheckpointPaths
{
    public const string MetadataFileName = "_metadata";
    public const string CheckpointDirectoryPrefix = "chk-";
    public const string SharedStateDirectory = "shared";
    public const string TaskOwnedStateDirectory = "taskowned";
    public const string JobManagerScheme = "jobmanager://";

    /// <summary>Turns a plain path or a <c>file:</c> URI (<c>file:///p</c>, <c>file:/p</c>, <c>file://localhost/p</c>) into a full local path.</summary>
    /// <exception cref="ArgumentException">Another scheme (the built-in storage only reaches the local file system).</exception>
    public static string ToLocalPath(string pathOrUri, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrUri, what);
        string path = pathOrUri.Trim();
        if (path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            // Flink writes local URIs as file:/path (one slash); System.Uri wants file:///path.
            string rest = path[5..];
            if (rest.StartsWith('/') && !rest.StartsWith("//", StringComparison.Ordinal))
            {
                path = "file://" + rest;
            }

            if (!Uri.TryCreate(path, UriKind.Absolute, out var uri) || !uri.IsFile)
            {
                throw new ArgumentException($"Checkpoint/savepoint path '{pathOrUri}' is not a valid file URI. Either the pointer path is invalid, or the checkpoint was created by a different state backend.", what);
            }

            path = uri.LocalPath;
        }
        else
        {
            int scheme = path.IndexOf("://", StringComparison.Ordinal);
            if (scheme > 0)
            {
                throw new ArgumentException(
                    $"Unsupported file system scheme '{path[..scheme]}' in '{pathOrUri}': the built-in checkpoint storages support local paths and file:// URIs only.", what);
            }
        }

        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
    }

    public static string CheckpointDirectoryName(long checkpointId) =>
        CheckpointDirectoryPrefix + checkpointId.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseCheckpointDirectoryName(string name, out long checkpointId)
    {
        checkpointId = -1;
        return name.StartsWith(CheckpointDirectoryPrefix, StringComparison.Ordinal) &&
               long.TryParse(name.AsSpan(CheckpointDirectoryPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out checkpointId);
    }

    /// <summary>The <c>chk-&lt;id&gt;</c> directories directly under <paramref name="directory"/> (none if it does not exist).</summary>
    public static List<(long Id, string Path)> EnumerateCheckpointDirectories(string directory)
    {
        var result = new List<(long, string)>();
        try
        {
            foreach (string sub in Directory.EnumerateDirectories(directory, CheckpointDirectoryPrefix + "*"))
            {
                if (TryParseCheckpointDirectoryName(Path.GetFileName(sub), out long id))
                {
                    result.Add((id, sub));
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing there (yet, or any more).
        }

        return result;
    }

    public static bool IsJobId(string? value) =>
        value is { Length: 32 } && value.All(char.IsAsciiHexDigitLower);

    /// <summary>Validates a given job id (32 hex characters, lower-cased) or makes a random one.</summary>
    public static string JobIdOrRandom(string? jobId)
    {
        if (jobId is null)
        {
            return System.Security.Cryptography.RandomNumberGenerator.GetHexString(32, lowercase: true);
        }

        if (jobId.Length != 32 || !jobId.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"Job id '{jobId}' is invalid: it must be 32 hexadecimal characters (Flink's JobID).", nameof(jobId));
        }

        return jobId.ToLowerInvariant();
    }

    /// <summary>
    /// Deletes a checkpoint directory so that it never looks complete half-way: <c>_metadata</c> first (made durable
    /// with an fsync of the directory), then everything else. Missing directories are fine.
    /// </summary>
    public static void DeleteCheckpointDirectory(string checkpointDirectory)
    {
        try
        {
            File.Delete(Path.Combine(checkpointDirectory, MetadataFileName));
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }

        DirectorySync.TryFsync(checkpointDirectory);
        BeforeRecursiveDelete.Value?.Invoke(checkpointDirectory);
        DeleteDirectoryRecursively(checkpointDirectory);
    }

    /// <summary>Test probe: called after <c>_metadata</c> was deleted and before the rest is (flows with the async context).</summary>
    internal static AsyncLocal<Action<string>?> BeforeRecursiveDelete { get; } = new();

    /// <summary>Deletes a directory tree; a missing one is fine, and a concurrent late writer is retried over.</summary>
    public static void DeleteDirectoryRecursively(string directory)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException) when (!Directory.Exists(directory))
            {
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                // A file appeared while deleting (e.g. a late state write of an aborted checkpoint): try again.
                Thread.Sleep(10 * attempt);
            }
        }
    }
}
