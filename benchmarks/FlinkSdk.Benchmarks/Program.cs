using FlinkSdk.Benchmarks;

return args.FirstOrDefault() switch
{
    "throughput" => await ThroughputHarness.RunAsync(args.Skip(1).ToArray()),
    "state" => RunStateBenchmarks(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int RunStateBenchmarks(string[] rest)
{
    BenchmarkDotNet.Running.BenchmarkRunner.Run<FlinkSdk.Benchmarks.State.StateSerializationBenchmarks>(args: rest);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("Usage: dotnet run -c Release --project benchmarks/FlinkSdk.Benchmarks -- throughput [--records N] [--keys K] [--parallelism P] | state [BenchmarkDotNet options]");
    return 2;
}
