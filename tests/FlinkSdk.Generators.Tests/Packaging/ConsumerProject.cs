using System.Security;

namespace FlinkSdk.Generators.Tests.Packaging;

/// <summary>
/// A console project outside the repository that uses the packed runtime the way a user would: one
/// PackageReference, annotated state, a job printing its output.
/// </summary>
internal static class ConsumerProject
{
    /// <summary>What <see cref="Program"/> prints: per-key running counts, then the record's generated MessagePack.</summary>
    public static readonly string[] ExpectedOutput =
    [
        "a 1",
        "b 1",
        "a 2",
        "c 1",
        "a 3",
        "b 2",
        // {0: "a", 1: 3}: fixmap of 2, key 0, fixstr "a", key 1, positive fixint 3.
        "last of a: WordTotal { Word = a, Count = 3 } = 8200A1610103",
    ];

    // Without the generator this does not compile: WordTotalStateSerializer exists only as generated code. It
    // also runs wrong without it: _count would be one field shared by all words instead of per-key state.
    private const string Program = """
        using System.Buffers;
        using FlinkSdk.DataStream;
        using FlinkSdk.Serialization;
        using FlinkSdk.State;

        var env = StreamExecutionEnvironment.Create().SetParallelism(1);
        env.FromCollection(["a", "b", "a", "c", "a", "b"])
            .KeyBy(word => word)
            .Process(new CountPerWord())
            .Print();
        await env.ExecuteAsync("consumer");

        var last = new WordTotal("a", 3);
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        WordTotalStateSerializer.Instance.Serialize(ref writer, last);
        writer.Flush();
        var reader = new MessagePackReader(buffer.WrittenSpan);
        var restored = WordTotalStateSerializer.Instance.Deserialize(ref reader);
        Console.WriteLine($"last of a: {restored} = {Convert.ToHexString(buffer.WrittenSpan)}");

        [SnapshotType]
        public sealed record WordTotal([property: Key(0)] string Word, [property: Key(1)] long Count);

        [StatefulOperator]
        public sealed partial class CountPerWord : KeyedProcessFunction<string, string, string>
        {
            [State(1)]
            private long _count;

            [State(2)]
            private WordTotal? _last;

            public override void ProcessElement(string word, Context context, ICollector<string> output)
            {
                _count++;
                _last = new WordTotal(word, _count);
                output.Collect($"{_last.Word} {_last.Count}");
            }
        }
        """;

    private const string ProjectFile = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <WarningsNotAsErrors>NU1603</WarningsNotAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="FlinkSdk" Version="{version}" />
          </ItemGroup>
        </Project>
        """;

    // Only the packed runtime's folder as a source, and the machine's package folder as a read-only fallback:
    // packing the runtime just restored all its dependencies there, so restore needs no registry, and the
    // package under test is extracted into the consumer's private NUGET_PACKAGES, never the machine's cache.
    private const string NuGetConfig = """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="packed-runtime" value="{source}" />
          </packageSources>
          <fallbackPackageFolders>
            <clear />
            <add key="machine" value="{fallback}" />
          </fallbackPackageFolders>
        </configuration>
        """;

    /// <summary>Writes the project into <paramref name="directory"/>, which must lie outside the repository.</summary>
    public static void Write(string directory, string version, string packageSource, string fallbackPackageFolder)
    {
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), ProjectFile.Replace("{version}", version, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(directory, "Program.cs"), Program);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), NuGetConfig
            .Replace("{source}", SecurityElement.Escape(packageSource), StringComparison.Ordinal)
            .Replace("{fallback}", SecurityElement.Escape(fallbackPackageFolder), StringComparison.Ordinal));

        // MSBuild imports the nearest of these walking up from the project: empty ones here end the search, so
        // nothing above the temporary folder can change how a user's project builds.
        foreach (string name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(directory, name), "<Project />\n");
        }
    }
}
