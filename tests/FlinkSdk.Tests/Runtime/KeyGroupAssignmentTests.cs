using System.Globalization;
using System.Reflection;
using System.Text;
using FlinkSdk.Runtime.Network;
using FlinkSdk.State;

namespace FlinkSdk.Tests.Runtime;

/// <summary>
/// Flink's key-group arithmetic (reference §7.1): the formulas against values computed by hand (with Java int
/// semantics, checked against a plain MurmurHash3_x86_32 of the 4 little-endian bytes), their invariants over many
/// (parallelism, max parallelism) pairs, Java hash codes, and the same key groups in another process.
/// </summary>
public class KeyGroupAssignmentTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    // ---------------------------------------------------------------- key → key group, by hand

    [Theory]
    [InlineData("hello", 99162322, 35, 163, 31395)]
    [InlineData("", 0, 94, 222, 31198)]
    [InlineData("a", 97, 81, 209, 19409)]
    [InlineData("Flink", 67968320, 127, 127, 22143)]
    [InlineData("key-42", -1134722900, 44, 44, 24108)]
    [InlineData("Hello, World!", 1498789909, 86, 86, 19542)]
    [InlineData("naïve", 104710475, 16, 144, 26000)]
    public void StringKeysGetTheKeyGroupsFlinkGivesThem(string key, int javaHashCode, int keyGroup128, int keyGroup256, int keyGroup32768)
    {
        Assert.Equal(javaHashCode, StableKeyHash.Of(key));
        Assert.Equal(keyGroup128, KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(javaHashCode, 128));
        Assert.Equal(keyGroup256, KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(javaHashCode, 256));
        Assert.Equal(keyGroup32768, KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(javaHashCode, 32768));
    }

    [Theory]
    [InlineData(0L, 0, 94, 222)]
    [InlineData(1L, 1, 86, 214)]
    [InlineData(42L, 42, 29, 29)]
    [InlineData(1L << 32, 1, 86, 214)]
    [InlineData(-1L, 0, 94, 222)]
    [InlineData(123456789012345L, -2045923535, 61, 61)]
    [InlineData(long.MinValue, int.MinValue, 108, 108)]
    public void LongKeysGetTheKeyGroupsFlinkGivesThem(long key, int javaHashCode, int keyGroup128, int keyGroup256)
    {
        Assert.Equal(javaHashCode, StableKeyHash.Of(key));
        Assert.Equal(keyGroup128, KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(StableKeyHash.Of(key), 128));
        Assert.Equal(keyGroup256, KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(StableKeyHash.Of(key), 256));
    }

    [Theory]
    [InlineData(0, 593689054)]
    [InlineData(1, 68075478)]
    [InlineData(7, 1343918321)]
    [InlineData(-7, 206585249)]
    [InlineData(int.MaxValue, 1653689534)]
    [InlineData(int.MinValue, 1718298732)]
    [InlineData(99162322, 1715862179)]
    public void MurmurMatchesFlinksMathUtilsMurmurHash(int code, int expected)
    {
        Assert.Equal(expected, KeyGroupRangeAssignment.Murmur(code));
        Assert.Equal(expected % 128, KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(code, 128));
    }

    [Fact]
    public void KeyGroupIsAlwaysWithinRange()
    {
        var random = new Random(7);
        foreach (int maxParallelism in new[] { 1, 2, 3, 7, 128, 129, 1000, 32768 })
        {
            for (int i = 0; i < 20_000; i++)
            {
                int keyGroup = KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(random.Next(int.MinValue, int.MaxValue), maxParallelism);
                Assert.InRange(keyGroup, 0, maxParallelism - 1);
            }

            Assert.InRange(KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(int.MinValue, maxParallelism), 0, maxParallelism - 1);
            Assert.InRange(KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(int.MaxValue, maxParallelism), 0, maxParallelism - 1);
        }
    }

    // ---------------------------------------------------------------- key group → subtask, ranges

    [Theory]
    [InlineData(0, 128, 3, 0)]
    [InlineData(42, 128, 3, 0)]
    [InlineData(43, 128, 3, 1)]
    [InlineData(85, 128, 3, 1)]
    [InlineData(86, 128, 3, 2)]
    [InlineData(127, 128, 3, 2)]
    [InlineData(127, 128, 1, 0)]
    [InlineData(2, 10, 4, 0)]
    [InlineData(3, 10, 4, 1)]
    [InlineData(5, 10, 4, 2)]
    [InlineData(8, 10, 4, 3)]
    [InlineData(32767, 32768, 32768, 32767)]
    [InlineData(32767, 32768, 1000, 999)]
    public void OperatorIndexForKeyGroupIsKeyGroupTimesParallelismOverMaxParallelism(int keyGroup, int maxParallelism, int parallelism, int expected)
    {
        Assert.Equal(expected, KeyGroupRangeAssignment.ComputeOperatorIndexForKeyGroup(keyGroup, maxParallelism, parallelism));
    }

    [Theory]
    [InlineData(128, 3, 0, 0, 42)]
    [InlineData(128, 3, 1, 43, 85)]
    [InlineData(128, 3, 2, 86, 127)]
    [InlineData(10, 4, 0, 0, 2)]
    [InlineData(10, 4, 1, 3, 4)]
    [InlineData(10, 4, 2, 5, 7)]
    [InlineData(10, 4, 3, 8, 9)]
    [InlineData(128, 1, 0, 0, 127)]
    [InlineData(5, 5, 4, 4, 4)]
    [InlineData(32768, 32768, 32767, 32767, 32767)]
    public void KeyGroupRangeMatchesFlinksFormula(int maxParallelism, int parallelism, int subtask, int start, int end)
    {
        Assert.Equal((start, end), KeyGroupRangeAssignment.ComputeKeyGroupRange(maxParallelism, parallelism, subtask));
    }

    public static TheoryData<int, int> ParallelismPairs()
    {
        var data = new TheoryData<int, int>();
        var seen = new HashSet<(int, int)>();
        foreach (int parallelism in Enumerable.Range(1, 40).Concat([63, 64, 65, 100, 127, 128, 1000, 4096, 32768]))
        {
            foreach (int maxParallelism in new[] { parallelism, parallelism + 1, (2 * parallelism) - 1, 2 * parallelism, 128, 129, 1000, 32768 })
            {
                if (maxParallelism >= parallelism && maxParallelism <= 32768 && seen.Add((parallelism, maxParallelism)))
                {
                    data.Add(parallelism, maxParallelism);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ParallelismPairs))]
    public void RangesPartitionAllKeyGroupsContiguouslyAndAgreeWithTheOperatorIndex(int parallelism, int maxParallelism)
    {
        int expectedStart = 0;
        for (int subtask = 0; subtask < parallelism; subtask++)
        {
            var (start, end) = KeyGroupRangeAssignment.ComputeKeyGroupRange(maxParallelism, parallelism, subtask);

            // No gap, no overlap, never empty (maxParallelism >= parallelism).
            Assert.Equal(expectedStart, start);
            Assert.True(end >= start, $"Subtask {subtask} of {parallelism} has the empty range {start}..{end} for max parallelism {maxParallelism}.");

            // Every key group of the range is routed to this subtask, and only those.
            for (int keyGroup = start; keyGroup <= end; keyGroup++)
            {
                int owner = KeyGroupRangeAssignment.ComputeOperatorIndexForKeyGroup(keyGroup, maxParallelism, parallelism);
                if (owner != subtask)
                {
                    Assert.Fail($"Key group {keyGroup} is in the range of subtask {subtask} ({start}..{end}) but routed to {owner} (p={parallelism}, maxP={maxParallelism}).");
                }
            }

            expectedStart = end + 1;
        }

        Assert.Equal(maxParallelism, expectedStart);
    }

    [Fact]
    public void RangePreconditionsUseFlinksMessages()
    {
        var smallerMax = Assert.Throws<ArgumentOutOfRangeException>(() => KeyGroupRangeAssignment.ComputeKeyGroupRange(3, 4, 0));
        Assert.Contains("Maximum parallelism must not be smaller than parallelism.", smallerMax.Message);

        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => KeyGroupRangeAssignment.ComputeKeyGroupRange(128, 0, 0));
        Assert.Contains("Operator parallelism not within bounds: 0", zero.Message);

        var tooLarge = Assert.Throws<ArgumentOutOfRangeException>(() => KeyGroupRangeAssignment.ComputeKeyGroupRange(40000, 32769, 0));
        Assert.Contains("Operator parallelism not within bounds: 32769", tooLarge.Message);
    }

    // ---------------------------------------------------------------- default max parallelism

    [Theory]
    [InlineData(1, 128)]
    [InlineData(2, 128)]
    [InlineData(85, 128)]
    [InlineData(86, 256)]
    [InlineData(100, 256)]
    [InlineData(170, 256)]
    [InlineData(171, 256)]
    [InlineData(172, 512)]
    [InlineData(1000, 2048)]
    [InlineData(21845, 32768)]
    [InlineData(21846, 32768)]
    [InlineData(32768, 32768)]
    [InlineData(1_000_000, 32768)]
    public void DefaultMaxParallelismIsOneAndAHalfTimesParallelismRoundedUpToAPowerOfTwoWithin128And32768(int parallelism, int expected)
    {
        Assert.Equal(expected, KeyGroupRangeAssignment.ComputeDefaultMaxParallelism(parallelism));
    }

    [Fact]
    public void DefaultMaxParallelismRejectsNonPositiveParallelism()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KeyGroupRangeAssignment.ComputeDefaultMaxParallelism(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => KeyGroupRangeAssignment.ComputeDefaultMaxParallelism(-1));
    }

    // ---------------------------------------------------------------- Java hash codes

    [Theory]
    [InlineData("hello", 99162322)]
    [InlineData("", 0)]
    [InlineData("a", 97)]
    [InlineData("abc", 96354)]
    [InlineData("Hello World", -862545276)]
    [InlineData("😀", 1772899)]
    public void StringHashIsJavasStringHashCode(string value, int expected)
    {
        Assert.Equal(expected, StableKeyHash.Of(value));
        Assert.Equal(expected, StableKeyHash.JavaStringHash(value));
    }

    [Fact]
    public void PrimitiveHashesAreJavasHashCodes()
    {
        // Long.hashCode: (int)(v ^ (v >>> 32)).
        Assert.Equal(1, StableKeyHash.Of(1L << 32));
        Assert.Equal(0, StableKeyHash.Of(-1L));
        Assert.Equal(0, StableKeyHash.Of(0L));
        Assert.Equal(int.MinValue, StableKeyHash.Of(long.MinValue));
        Assert.Equal(int.MinValue, StableKeyHash.Of(long.MaxValue));

        // Integer.hashCode is the identity.
        foreach (int i in new[] { 0, 1, -1, 42, int.MinValue, int.MaxValue })
        {
            Assert.Equal(i, StableKeyHash.Of(i));
        }

        // Boolean.hashCode, Character.hashCode, Short.hashCode.
        Assert.Equal(1231, StableKeyHash.Of(true));
        Assert.Equal(1237, StableKeyHash.Of(false));
        Assert.Equal(65, StableKeyHash.Of('A'));
        Assert.Equal(-5, StableKeyHash.Of((short)-5));
    }

    [Fact]
    public void TupleHashCombinesElementHashesAndIsNotDotNetsHash()
    {
        // Flink's Tuple2.hashCode: 31 * f0.hashCode() + f1.hashCode(); the value was computed with Java 17.
        int expected = unchecked((31 * StableKeyHash.JavaStringHash("user-7")) + StableKeyHash.Of(12345L));
        Assert.Equal(expected, StableKeyHash.Of(("user-7", 12345L)));
        Assert.Equal(-147170268, StableKeyHash.Of(("user-7", 12345L)));
        Assert.NotEqual(StableKeyHash.Of(("a", 1L)), StableKeyHash.Of(("b", 1L)));
        Assert.NotEqual(StableKeyHash.Of(("a", 1L)), StableKeyHash.Of(("a", 2L)));
    }

    [Fact]
    public void GuidHashEqualsJavasUuidHashCode()
    {
        // java.util.UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e").hashCode(), computed with Java 17.
        var guid = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e");
        Assert.Equal(593484, StableKeyHash.Of(guid));
    }

    [Fact]
    public void NullKeyIsRejectedWithFlinksMessage()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => StableKeyHash.Of<string>(null!));
        Assert.Contains("Assigned key must not be null!", ex.Message);
    }

    [Fact]
    public void SupportedKeyTypes()
    {
        Assert.True(StableKeyHash.IsSupported(typeof(string)));
        Assert.True(StableKeyHash.IsSupported(typeof(long)));
        Assert.True(StableKeyHash.IsSupported(typeof(Guid)));
        Assert.True(StableKeyHash.IsSupported(typeof((string, long))));
        Assert.True(StableKeyHash.IsSupported(typeof(DayOfWeek)));
        Assert.False(StableKeyHash.IsSupported(typeof(object)));
        Assert.False(StableKeyHash.IsSupported(typeof(Version)));
        Assert.False(StableKeyHash.IsSupported(typeof(List<int>)));
        Assert.False(StableKeyHash.IsSupported(typeof((string, object))));
    }

    [Fact]
    public void KeyByPartitionerSendsEachKeyToTheOwnerOfItsKeyGroup()
    {
        foreach (int parallelism in new[] { 1, 2, 3, 4, 7 })
        {
            foreach (int maxParallelism in new[] { 7, 128, 1000 })
            {
                var partitioner = new KeyGroupStreamPartitioner<string, string>(s => s, maxParallelism, parallelism);
                for (int i = 0; i < 2_000; i++)
                {
                    string key = "key-" + i.ToString(CultureInfo.InvariantCulture);
                    int keyGroup = KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(StableKeyHash.Of(key), maxParallelism);
                    int channel = partitioner.SelectChannel(key);
                    var (start, end) = KeyGroupRangeAssignment.ComputeKeyGroupRange(maxParallelism, parallelism, channel);
                    Assert.InRange(keyGroup, start, end);
                }
            }
        }
    }

    [Fact]
    public void HeapStateBackendRejectsKeysOutsideItsKeyGroupRange()
    {
        // "hello" is in key group 35 of 128: subtask 0 of 3 owns 0..42, subtask 1 owns 43..85.
        var owner = new HeapKeyedStateBackend<string>(128, 0, 42);
        owner.SetCurrentKey("hello");
        Assert.Equal(35, owner.CurrentKeyGroup);

        var other = new HeapKeyedStateBackend<string>(128, 43, 85);
        var ex = Assert.Throws<InvalidOperationException>(() => other.SetCurrentKey("hello"));
        Assert.Contains("key group 35", ex.Message);
        Assert.Equal(0, other.RowCount);
    }

    // ---------------------------------------------------------------- stability across processes

    [Fact]
    public void KeyGroupsAreTheSameInAnotherProcessWhereStringGetHashCodeDiffers()
    {
        string[] keys = ProbeKeys();
        var expected = keys.Select((k, i) => Describe(i, k)).ToList();

        string probeDir = RepositoryPaths.Combine("tests", "FlinkSdk.Tests", "bin", "keygroup-probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(probeDir);
        try
        {
            string keysFile = Path.Combine(probeDir, "keys.txt");
            File.WriteAllLines(keysFile, keys, new UTF8Encoding(false));
            string projectPath = WriteProbeProject(probeDir);

            string configuration = typeof(KeyGroupAssignmentTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } c ? c : "Debug";

            // The probe references src/FlinkSdk/FlinkSdk.csproj; that project is already built (the tests reference it),
            // so it is not rebuilt here: nothing is written outside the probe's folder.
            var build = ProcessRunner.Run(
                "dotnet",
                ["build", projectPath, "-c", configuration, "-nodeReuse:false", "-p:UseSharedCompilation=false", "-p:BuildProjectReferences=false", "-p:RestoreRecursive=false", "-v:minimal"],
                probeDir,
                timeoutSeconds: (int)BuildTimeout.TotalSeconds);
            Assert.True(build.ExitCode == 0, $"Building the key-group probe failed:{Environment.NewLine}{build}");

            string dll = Path.Combine(probeDir, "bin", configuration, "net10.0", "KeyGroupProbe.dll");
            Assert.True(File.Exists(dll), $"Probe not found at {dll}:{Environment.NewLine}{build}");

            var defaultRun = RunProbe(dll, keysFile, probeDir, new Dictionary<string, string>());
            var otherRun = RunProbe(dll, keysFile, probeDir, new Dictionary<string, string>
            {
                ["DOTNET_TieredCompilation"] = "0",
                ["DOTNET_TieredPGO"] = "0",
                ["DOTNET_gcServer"] = "1",
                ["DOTNET_ReadyToRun"] = "0",
            });

            foreach (var run in new[] { defaultRun, otherRun })
            {
                Assert.Equal(expected.Count, run.KeyGroups.Count);
                for (int i = 0; i < expected.Count; i++)
                {
                    Assert.Equal(expected[i], run.KeyGroups[i]);
                }
            }

            // The comparison has teeth: .NET's own string hash is randomized per process, so a key-group
            // computation based on GetHashCode would have produced different lines above.
            var strings = keys.Where(k => k.StartsWith("s\t", StringComparison.Ordinal)).Select(k => k[2..]).ToList();
            Assert.Equal(strings.Count, defaultRun.DotNetStringHashes.Count);
            Assert.Equal(strings.Count, otherRun.DotNetStringHashes.Count);
            Assert.Contains(Enumerable.Range(0, strings.Count), i => defaultRun.DotNetStringHashes[i] != otherRun.DotNetStringHashes[i]);
            Assert.Contains(Enumerable.Range(0, strings.Count), i => defaultRun.DotNetStringHashes[i] != strings[i].GetHashCode(StringComparison.Ordinal));
        }
        finally
        {
            try
            {
                Directory.Delete(probeDir, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover folder under bin/ does not change any result.
            }
            catch (UnauthorizedAccessException)
            {
                // Best effort, as above.
            }
        }
    }

    /// <summary>Keys as "kind TAB value": s = string, l = long, i = int, g = Guid, t = (string, long).</summary>
    private static string[] ProbeKeys()
    {
        var random = new Random(1234);
        var keys = new List<string>();
        string[] special = ["", "hello", "Hello World", "naïve", "Straße", "日本語", "😀", "key with spaces", new string('x', 300)];
        keys.AddRange(special.Select(s => "s\t" + s));
        keys.AddRange(Enumerable.Range(0, 200).Select(i => "s\tkey-" + i.ToString(CultureInfo.InvariantCulture)));
        keys.AddRange(Enumerable.Range(0, 50).Select(_ => "s\t" + new string([.. Enumerable.Range(0, random.Next(1, 20)).Select(_ => (char)random.Next(0x20, 0x7F))])));
        keys.AddRange(new[] { 0L, 1L, -1L, 1L << 32, long.MinValue, long.MaxValue }.Concat(Enumerable.Range(0, 100).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)))
            .Select(l => "l\t" + l.ToString(CultureInfo.InvariantCulture)));
        keys.AddRange(Enumerable.Range(-20, 40).Select(i => "i\t" + (i * 1_000_003).ToString(CultureInfo.InvariantCulture)));
        keys.AddRange(Enumerable.Range(0, 50).Select(_ =>
        {
            byte[] bytes = new byte[16];
            random.NextBytes(bytes);
            return "g\t" + new Guid(bytes).ToString("D");
        }));
        keys.AddRange(Enumerable.Range(0, 50).Select(i => "t\tuser-" + i.ToString(CultureInfo.InvariantCulture) + "\t" + (i * 7_919L).ToString(CultureInfo.InvariantCulture)));
        return [.. keys];
    }

    /// <summary>What the probe prints for one key: index, escaped key, stable hash, key groups for two max parallelisms, owner of 3.</summary>
    private static string Describe(int index, string line)
    {
        string[] parts = line.Split('\t');
        int hash = parts[0] switch
        {
            "s" => StableKeyHash.Of(parts[1]),
            "l" => StableKeyHash.Of(long.Parse(parts[1], CultureInfo.InvariantCulture)),
            "i" => StableKeyHash.Of(int.Parse(parts[1], CultureInfo.InvariantCulture)),
            "g" => StableKeyHash.Of(Guid.Parse(parts[1])),
            "t" => StableKeyHash.Of((parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture))),
            _ => throw new InvalidOperationException("Unknown key kind: " + parts[0]),
        };
        int keyGroup128 = KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(hash, 128);
        int keyGroup32768 = KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(hash, 32768);
        int owner = KeyGroupRangeAssignment.ComputeOperatorIndexForKeyGroup(keyGroup128, 128, 3);
        return string.Join('\t', index, Uri.EscapeDataString(line), hash, keyGroup128, keyGroup32768, owner);
    }

    private sealed record ProbeRun(List<string> KeyGroups, List<int> DotNetStringHashes);

    private static ProbeRun RunProbe(string dll, string keysFile, string workingDirectory, Dictionary<string, string> environment)
    {
        var result = ProcessRunner.Run("dotnet", [dll, keysFile], workingDirectory, environment, timeoutSeconds: 120);
        Assert.True(result.ExitCode == 0, $"The key-group probe failed:{Environment.NewLine}{result}");
        var keyGroups = new List<string>();
        var hashes = new List<int>();
        foreach (string line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith("key\t", StringComparison.Ordinal))
            {
                keyGroups.Add(line["key\t".Length..]);
            }
            else if (line.StartsWith("dotnet\t", StringComparison.Ordinal))
            {
                hashes.Add(int.Parse(line["dotnet\t".Length..], CultureInfo.InvariantCulture));
            }
        }

        return new ProbeRun(keyGroups, hashes);
    }

    private static string WriteProbeProject(string probeDir)
    {
        string flinkSdkProject = RepositoryPaths.Combine("src", "FlinkSdk", "FlinkSdk.csproj");

        // Inside the repository, so Directory.Build.props and the central package versions FlinkSdk.csproj needs apply;
        // the probe relaxes only its own analysis settings.
        string project = $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <AssemblyName>KeyGroupProbe</AssemblyName>
                <RootNamespace>KeyGroupProbe</RootNamespace>
                <IsPackable>false</IsPackable>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
                <GenerateDocumentationFile>false</GenerateDocumentationFile>
                <EnforceCodeStyleInBuild>false</EnforceCodeStyleInBuild>
                <RunAnalyzers>false</RunAnalyzers>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{System.Security.SecurityElement.Escape(flinkSdkProject)}" />
              </ItemGroup>
            </Project>
            """;

        const string Program = """
            using System.Globalization;
            using System.Text;
            using FlinkSdk.State;

            var output = new StringBuilder();
            var strings = new List<string>();
            string[] lines = File.ReadAllLines(args[0], Encoding.UTF8);
            for (int index = 0; index < lines.Length; index++)
            {
                string line = lines[index];
                string[] parts = line.Split('\t');
                int hash = parts[0] switch
                {
                    "s" => StableKeyHash.Of(parts[1]),
                    "l" => StableKeyHash.Of(long.Parse(parts[1], CultureInfo.InvariantCulture)),
                    "i" => StableKeyHash.Of(int.Parse(parts[1], CultureInfo.InvariantCulture)),
                    "g" => StableKeyHash.Of(Guid.Parse(parts[1])),
                    "t" => StableKeyHash.Of((parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture))),
                    _ => throw new InvalidOperationException("Unknown key kind: " + parts[0]),
                };
                if (parts[0] == "s")
                {
                    strings.Add(parts[1]);
                }

                int keyGroup128 = KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(hash, 128);
                int keyGroup32768 = KeyGroupRangeAssignment.ComputeKeyGroupForKeyHash(hash, 32768);
                int owner = KeyGroupRangeAssignment.ComputeOperatorIndexForKeyGroup(keyGroup128, 128, 3);
                output.Append("key\t").Append(string.Join('\t', index, Uri.EscapeDataString(line), hash, keyGroup128, keyGroup32768, owner)).Append('\n');
            }

            foreach (string s in strings)
            {
                output.Append("dotnet\t").Append(s.GetHashCode().ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            Console.OutputEncoding = new UTF8Encoding(false);
            Console.Out.Write(output.ToString());
            """;

        string projectPath = Path.Combine(probeDir, "KeyGroupProbe.csproj");
        File.WriteAllText(projectPath, project);
        File.WriteAllText(Path.Combine(probeDir, "Program.cs"), Program);
        return projectPath;
    }
}
