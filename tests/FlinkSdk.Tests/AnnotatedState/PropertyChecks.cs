using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace FlinkSdk.Tests.AnnotatedState;

/// <summary>
/// Runs FsCheck properties with FsCheck's core API (FsCheck.Xunit is not available): <see cref="Cases"/> random cases,
/// throwing on the first failure with the case, the shrunk case and the seed.
/// <para>
/// Every run draws a new seed. To replay a failure, copy the two numbers FsCheck prints after "Replay:" (or as
/// <c>(seed,gamma)</c>) into the environment variable <c>FLINKSDK_FSCHECK_REPLAY</c>, e.g.
/// <c>FLINKSDK_FSCHECK_REPLAY=12345,67891 dotnet test --filter FullyQualifiedName~SnapshotTypeProperties</c>:
/// every property then starts from that seed.
/// </para>
/// </summary>
internal static class PropertyChecks
{
    /// <summary>The number of random cases per property.</summary>
    public const int Cases = 200;

    /// <summary>The variable holding <c>seed,gamma</c> of a run to replay.</summary>
    public const string ReplayVariable = "FLINKSDK_FSCHECK_REPLAY";

    /// <summary>Checks <paramref name="property"/>, throwing when a case fails.</summary>
    public static void Check(Property property) => property.Check(Configuration(Environment.GetEnvironmentVariable(ReplayVariable)));

    /// <summary>The configuration: quiet on success, throwing on failure, replaying <paramref name="replay"/> (<c>seed,gamma</c>) if given.</summary>
    public static Config Configuration(string? replay)
    {
        var config = Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true);
        return string.IsNullOrWhiteSpace(replay) ? config : config.WithReplay(FSharpOption<Replay>.Some(new Replay(ParseSeed(replay), FSharpOption<int>.None)));
    }

    private static Rnd ParseSeed(string replay)
    {
        string[] parts = replay.Trim().Trim('(', ')').Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed)
            || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong gamma))
        {
            throw new ArgumentException(
                $"{ReplayVariable}='{replay}' is not a replay seed: expected two unsigned integers 'seed,gamma' as FsCheck prints them after a failure, such as '12345,67891'.",
                nameof(replay));
        }

        return new Rnd(seed, gamma);
    }
}
