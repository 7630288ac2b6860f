namespace FlinkSdk.Analyzers.Tests.RealBuild;

/// <summary>
/// The test classes that build projects against the packed runtime: they share one <c>dotnet pack</c> per test run
/// (and run one after another, as each build already keeps the machine busy).
/// </summary>
[CollectionDefinition(Name)]
public sealed class UsesPackedRuntime : ICollectionFixture<PackedRuntime>
{
    public const string Name = "packed runtime";
}
