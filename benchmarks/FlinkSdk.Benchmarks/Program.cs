using FlinkSdk.Benchmarks;

return args.FirstOrDefault() switch
{
    "throughput" => await ThroughputHarness.RunAsync(args.Skip(1).ToArray()),
    "state" => RunBenchmarks(args.Skip(1).ToArray(), typeof(FlinkSdk.Benchmarks.State.StateSerializationBenchmarks), typeof(FlinkSdk.Benchmarks.State.KeyedSnapshotBenchmarks)),
    "generator" => RunBenchmarks(args.Skip(1).ToArray(), typeof(FlinkSdk.Benchmarks.Generators.GeneratorRunBenchmarks)),
    "analyzers" => await FlinkSdk.Benchmarks.Analyzers.AnalyzerCostHarness.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int RunBenchmarks(string[] rest, params Type[] benchmarks)
{
    BenchmarkDotNet.Running.BenchmarkRunner.Run(benchmarks, args: rest);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("Usage: dotnet run -c Release --project benchmarks/FlinkSdk.Benchmarks -- throughput [--records N] [--keys K] [--parallelism P] [--checkpoint-records N] [--rounds R] [--checkpoint-interval MS] [--state-keys K (0 skips)] | state [BenchmarkDotNet options] | generator [BenchmarkDotNet options] | analyzers [--operators N] [--plain-classes N] [--runs N] [--rounds N] [--keep]");
    return 2;
}
