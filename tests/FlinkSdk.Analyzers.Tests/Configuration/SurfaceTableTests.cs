extern alias analyzers;

using System.Reflection;
using analyzers::FlinkSdk.Analyzers.Configuration.Code;
using FlinkSdk.Configuration;
using FlinkSdk.DataStream;

namespace FlinkSdk.Analyzers.Tests.Configuration;

/// <summary>
/// The analyzers' map of the C# configuration surface against the real runtime: every public setter is in the
/// map, and setting it on a real configuration writes exactly the option the map names.
/// </summary>
public class SurfaceTableTests
{
    private static readonly Dictionary<Type, Func<FlinkConfiguration, object>> Views = new()
    {
        [typeof(CheckpointConfig)] = c => c.Checkpointing,
        [typeof(ExecutionConfig)] = c => c.Execution,
        [typeof(StateRecoveryConfig)] = c => c.StateRecovery,
        [typeof(RestartStrategyConfig)] = c => c.RestartStrategy,
        [typeof(RestartStrategyConfig.FixedDelayOptions)] = c => c.RestartStrategy.FixedDelay,
        [typeof(RestartStrategyConfig.FailureRateOptions)] = c => c.RestartStrategy.FailureRate,
        [typeof(RestartStrategyConfig.ExponentialDelayOptions)] = c => c.RestartStrategy.ExponentialDelay,
    };

    public static TheoryData<string, string> Setters
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var type in Views.Keys)
            {
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(p => p.SetMethod is { IsPublic: true }))
                {
                    data.Add(MetadataName(type), property.Name);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Setters))]
    public void Every_public_setter_writes_the_option_the_analyzers_map_it_to(string type, string property)
    {
        var mapping = Assert.Single(ConfigurationSurface.Properties, m => m.Type == type && m.Property == property);
        var viewType = Views.Keys.Single(t => MetadataName(t) == type);
        var setter = viewType.GetProperty(property)!;
        var config = new FlinkConfiguration();
        var view = Views[viewType](config);

        Assert.True(TrySetSample(setter, view), $"No sample value is accepted by {type}.{property}");
        var written = config.GetEffectiveOptions().Where(o => o.Origin.Kind == ConfigOriginKind.Code).Select(o => o.Key);
        Assert.Equal([mapping.Option.Key], written);
    }

    [Fact]
    public void Every_mapped_member_exists_in_the_runtime()
    {
        foreach (var mapping in ConfigurationSurface.Properties)
        {
            var type = typeof(FlinkConfiguration).Assembly.GetType(mapping.Type)!;
            Assert.True(type.GetProperty(mapping.Property)?.SetMethod is { IsPublic: true }, $"{mapping.Type}.{mapping.Property} has no public setter");
        }

        foreach (var mapping in ConfigurationSurface.Methods)
        {
            var type = typeof(FlinkConfiguration).Assembly.GetType(mapping.Type)!;
            var methods = type.GetMethods().Where(m => m.Name == mapping.Method).ToList();
            Assert.True(methods.Count > 0, $"{mapping.Type}.{mapping.Method} does not exist");
            Assert.All(mapping.Arguments, argument => Assert.Contains(methods, m => m.GetParameters().Any(p => p.Name == argument.Parameter)));
        }
    }

    [Fact]
    public void Every_method_that_configures_is_mapped()
    {
        var configuring = new[] { typeof(FlinkConfiguration), typeof(StreamExecutionEnvironment), typeof(CheckpointConfig) }
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && (m.Name.StartsWith("Set", StringComparison.Ordinal) || m.Name.StartsWith("Add", StringComparison.Ordinal)
                    || m.Name.StartsWith("Enable", StringComparison.Ordinal) || m.Name.StartsWith("Disable", StringComparison.Ordinal)))
                .Select(m => MetadataName(type) + "." + m.Name))
            .Distinct()
            .Order(StringComparer.Ordinal);
        var mapped = ConfigurationSurface.Methods.Select(m => m.Type + "." + m.Method).Order(StringComparer.Ordinal);
        Assert.Equal(configuring, mapped);
    }

    [Fact]
    public void Configuration_methods_write_the_options_the_analyzers_map_them_to()
    {
        var environment = StreamExecutionEnvironment.Create(new FlinkConfiguration());
        environment.EnableCheckpointing(TimeSpan.FromSeconds(1), CheckpointingMode.AtLeastOnce);
        environment.SetParallelism(2).SetMaxParallelism(8);
        environment.CheckpointConfig.EnableUnalignedCheckpoints();
        var written = environment.Configuration.GetEffectiveOptions().Where(o => o.Origin.Kind == ConfigOriginKind.Code).Select(o => o.Key).Order(StringComparer.Ordinal);
        var mapped = ConfigurationSurface.Methods
            .Where(m => m.Method is "EnableCheckpointing" or "SetParallelism" or "SetMaxParallelism" or "EnableUnalignedCheckpoints")
            .SelectMany(m => m.Arguments.Select(a => a.Option.Key))
            .Order(StringComparer.Ordinal);
        Assert.Equal(mapped, written);

        environment.CheckpointConfig.DisableCheckpointing();
        var disable = Assert.Single(ConfigurationSurface.Methods, m => m.Method == "DisableCheckpointing");
        var removed = Assert.Single(disable.FixedWrites);
        Assert.Null(removed.Value);
        Assert.Equal("(none)", environment.Configuration.GetEffectiveOptions().Single(o => o.Key == removed.Option.Key).Value);
    }

    private static bool TrySetSample(PropertyInfo property, object view)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        object?[] candidates = type switch
        {
            _ when type == typeof(bool) => [!(bool)(property.GetValue(view) ?? false)],
            _ when type == typeof(int) => [2, 1, 0],
            _ when type == typeof(long) => [5L],
            _ when type == typeof(double) => [0.5, 2.0],
            _ when type == typeof(TimeSpan) => [TimeSpan.FromSeconds(30)],
            _ when type == typeof(string) => ["/tmp/flinksdk"],
            _ when type == typeof(MemorySize) => [MemorySize.FromKibibytes(1)],
            _ when type.IsEnum => [.. Enum.GetValues(type).Cast<object>().Where(v => !v.Equals(property.GetValue(view)))],
            _ => [],
        };
        foreach (var candidate in candidates)
        {
            try
            {
                property.SetValue(view, candidate);
                return true;
            }
            catch (TargetInvocationException e) when (e.InnerException is ArgumentException)
            {
                // Out of this setter's range; try the next sample.
            }
        }

        return false;
    }

    private static string MetadataName(Type type) => type.FullName!;
}
