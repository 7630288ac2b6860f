namespace FlinkSdk.Analyzers.Tests.RealBuild;

/// <summary>
/// <c>dotnet build</c> of a project that references only the packed FlinkSdk package: the analyzers in the package
/// fail the build on configuration and state mistakes, in C# and in the configuration files the package passes to
/// them, at the right file, line and column; a fixed project builds; .editorconfig severities apply.
/// </summary>
[Collection(UsesPackedRuntime.Name)]
public sealed class RealBuildTests(PackedRuntime packed)
{
    [Fact]
    public void A_build_with_mistakes_fails_with_each_rule_id_at_its_location_and_the_fixed_project_builds()
    {
        var consumer = PackageConsumer.Create(packed, "real-build");
        var expected = BuildDiagnostics.WriteAndExpect(ConsumerSources.Broken, consumer.Write);

        var broken = consumer.Build();
        Assert.True(broken.ExitCode != 0, "The build with mistakes succeeded:\n" + broken);
        Assert.Equal(expected, BuildDiagnostics.Parse(broken.Output, consumer.Directory));

        BuildDiagnostics.WriteAndExpect(ConsumerSources.Fixed, consumer.Write);
        var fixedBuild = consumer.Build();
        Assert.True(fixedBuild.ExitCode == 0, "The fixed project did not build:\n" + fixedBuild);
        Assert.False(BuildDiagnostics.MentionsAnyRule(fixedBuild.Output), "The fixed build still reports a FlinkSdk rule:\n" + fixedBuild);
    }

    [Fact]
    public void Severities_set_in_editorconfig_and_globalconfig_apply_to_the_real_build()
    {
        var consumer = PackageConsumer.Create(packed, "severities");
        var expected = BuildDiagnostics.WriteAndExpect(ConsumerSources.Broken, consumer.Write);
        consumer.Write(".editorconfig", """
            root = true

            [*.cs]
            dotnet_diagnostic.FLK1001.severity = none
            """);

        // Diagnostics in configuration files belong to no C# file, so no [*.cs] section reaches them: a global
        // configuration does (the SDK passes a .globalconfig of the project's folder to the compiler).
        consumer.Write(".globalconfig", """
            is_global = true
            dotnet_diagnostic.FLK0100.severity = none
            """);

        var build = consumer.Build();
        Assert.True(build.ExitCode != 0, "FLK0020, FLK0001 and FLK0002 stay errors, yet the build succeeded:\n" + build);
        Assert.Equal(expected.Where(d => d.Id is not ("FLK1001" or "FLK0100")), BuildDiagnostics.Parse(build.Output, consumer.Directory));
        Assert.Contains(expected, d => d.Id == "FLK1001");
        Assert.Contains(expected, d => d.Id == "FLK0100");
    }
}
