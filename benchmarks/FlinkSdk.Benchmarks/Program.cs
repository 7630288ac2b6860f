using FlinkSdk.Benchmarks;

return args.FirstOrDefault() switch
{
    "throughput" => await ThroughputHarness.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Usage: dotnet run -c Release --project benchmarks/FlinkSdk.Benchmarks -- throughput [--records N] [--keys K] [--parallelism P]");
    return 2;
}
