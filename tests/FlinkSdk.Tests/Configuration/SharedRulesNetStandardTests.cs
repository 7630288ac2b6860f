using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security;
using System.Text.RegularExpressions;

namespace FlinkSdk.Tests.Configuration;

/// <summary>
/// The rule folder <c>src/FlinkSdk/Configuration/Rules</c> is shared source: the analyzer assembly compiles it as
/// linked source for netstandard2.0 with <c>FLINKSDK_ANALYZERS</c> defined. These tests keep it that way.
/// </summary>
public class SharedRulesNetStandardTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public void RulesFolderCompilesAsNetStandard20WithTheAnalyzerSymbolAndWarningsAsErrors()
    {
        string rulesFolder = RulesFolder();
        string tempDir = Path.Combine(Path.GetTempPath(), "flinksdk-shared-rules-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(tempDir);
        try
        {
            string include = Path.Combine(rulesFolder, "**", "*.cs").Replace('\\', '/');

            // Sdk.props is imported explicitly so that the Import* switches are in force before the SDK reads them.
            string project = $"""
                <Project>
                  <PropertyGroup>
                    <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
                    <ImportDirectoryBuildTargets>false</ImportDirectoryBuildTargets>
                    <ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>
                    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                  </PropertyGroup>
                  <Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" />
                  <PropertyGroup>
                    <TargetFramework>netstandard2.0</TargetFramework>
                    <AssemblyName>FlinkSdk.SharedRules.Check</AssemblyName>
                    <LangVersion>latest</LangVersion>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>disable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <DefineConstants>$(DefineConstants);FLINKSDK_ANALYZERS</DefineConstants>
                    <AnalysisLevel>latest-recommended</AnalysisLevel>
                    <EnforceCodeStyleInBuild>true</EnforceCodeStyleInBuild>
                    <GenerateDocumentationFile>true</GenerateDocumentationFile>
                    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
                    <Deterministic>true</Deterministic>
                  </PropertyGroup>
                  <ItemGroup>
                    <Compile Include="{SecurityElement.Escape(include)}" />
                  </ItemGroup>
                  <Import Project="Sdk.targets" Sdk="Microsoft.NET.Sdk" />
                </Project>
                """;
            string projectPath = Path.Combine(tempDir, "SharedRules.csproj");
            File.WriteAllText(projectPath, project);

            var result = ProcessRunner.Run("dotnet", ["build", projectPath, "-c", "Debug", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-v:minimal"], tempDir, timeoutSeconds: (int)BuildTimeout.TotalSeconds);
            var (exitCode, output) = (result.ExitCode, result.Output + result.Error);

            Assert.True(exitCode == 0, $"dotnet build of the shared rules as netstandard2.0 failed (exit code {exitCode}):{Environment.NewLine}{output}");

            // The analyzer flavour must keep every shared type internal (FLINKSDK_ANALYZERS really was defined).
            string assemblyPath = Path.Combine(tempDir, "bin", "Debug", "netstandard2.0", "FlinkSdk.SharedRules.Check.dll");
            Assert.True(File.Exists(assemblyPath), $"Build output not found at {assemblyPath}:{Environment.NewLine}{output}");
            var types = ReadTypes(assemblyPath);
            Assert.Contains("FlinkSdk.Configuration.ConfigurationProblem", types.Keys);
            Assert.Contains("FlinkSdk.Configuration.ConfigurationValidator", types.Keys);
            Assert.Contains("FlinkSdk.Configuration.RuleDescriptor", types.Keys);
            Assert.Empty(types.Where(t => t.Value).Select(t => t.Key));
        }
        finally
        {
            try
            {
                System.IO.Directory.Delete(tempDir, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp folder does not change the result.
            }
            catch (UnauthorizedAccessException)
            {
                // Best effort, as above.
            }
        }
    }

    [Fact]
    public void RulesFolderUsesNothingOutsideTheBcl()
    {
        string rulesFolder = RulesFolder();
        string[] files = System.IO.Directory.GetFiles(rulesFolder, "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        Assert.Contains(files, f => Path.GetFileName(f) == "ConfigurationValidator.cs");

        var usingDirective = new Regex(@"^\s*(global\s+)?using\s+(static\s+)?(?:\w+\s*=\s*)?(?<ns>[\w.]+)\s*;", RegexOptions.Multiline | RegexOptions.CultureInvariant);
        var offending = new List<string>();
        foreach (string file in files)
        {
            string text = File.ReadAllText(file);
            string name = Path.GetRelativePath(rulesFolder, file);
            if (text.Contains("using Microsoft.", StringComparison.Ordinal) || text.Contains("using YamlDotNet", StringComparison.Ordinal))
            {
                offending.Add(name + ": references Microsoft.* or YamlDotNet");
            }

            foreach (Match match in usingDirective.Matches(text))
            {
                string ns = match.Groups["ns"].Value;
                bool bcl = ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal);
                bool own = ns == "FlinkSdk.Configuration" || ns.StartsWith("FlinkSdk.Configuration.", StringComparison.Ordinal);
                if (!bcl && !own)
                {
                    offending.Add(name + ": " + match.Value.Trim());
                }
            }
        }

        Assert.True(offending.Count == 0, "Shared rule files must use only the BCL:" + Environment.NewLine + string.Join(Environment.NewLine, offending));
    }

    private static string RulesFolder()
    {
        string root = RepositoryPaths.Root;
        string folder = Path.Combine(root, "src", "FlinkSdk", "Configuration", "Rules");
        Assert.True(System.IO.Directory.Exists(folder), "Shared rule folder not found: " + folder);
        return folder;
    }

    /// <summary>Full names of the top-level types in <paramref name="assemblyPath"/>, each with whether it is public.</summary>
    private static Dictionary<string, bool> ReadTypes(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        MetadataReader reader = pe.GetMetadataReader();
        var types = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            if (type.GetDeclaringType().IsNil)
            {
                string ns = reader.GetString(type.Namespace);
                string name = reader.GetString(type.Name);
                types[ns.Length == 0 ? name : ns + "." + name] = (type.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public;
            }
        }

        return types;
    }
}
