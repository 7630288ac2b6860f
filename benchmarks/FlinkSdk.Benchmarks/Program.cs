using FlinkSdk.Benchmarks;

return args.FirstOrDefault() switch
{
    "throughput" => await ThroughputHarness.RunAsync(args.Skip(1).ToArray()),
    "state" => RunBenchmarks<FlinkSdk.Benchmarks.State.StateSerializationBenchmarks>(args.Skip(1).ToArray()),
    "generator" => RunBenchmarks<FlinkSdk.Benchmarks.Generators.GeneratorRunBenchmarks>(args.Skip(1).ToArray()),
    "analyzers" => await FlinkSdk.Benchmarks.Analyzers.AnalyzerCostHarness.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int RunBenchmarks<T>(string[] rest)
{
    BenchmarkDotNet.Running.BenchmarkRunner.Run<T>(args: rest);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("Usage: dotnet run -c Release --project benchmarks/FlinkSdk.Benchmarks -- throughput [--records N] [--keys K] [--parallelism P] | state [BenchmarkDotNet options] | generator [BenchmarkDotNet options]");
    return 2;
}
