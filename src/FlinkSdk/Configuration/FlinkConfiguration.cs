using System.Collections;
using FlinkSdk.Configuration.Loading;
using Microsoft.Extensions.Configuration;

namespace FlinkSdk.Configuration;

/// <summary>
/// All options of a FlinkSdk job by their Flink keys, with where each value came from, and typed views of
/// them: <see cref="Checkpointing"/>, <see cref="StateRecovery"/>, <see cref="RestartStrategy"/> and
/// <see cref="Execution"/>. Sources are layered in the order they are added (later ones win); values are
/// parsed as Flink parses them, and <see cref="Validate"/> reports every problem at once.
/// </summary>
/// <remarks>
/// As in Flink, values loaded from sources are not checked one by one while loading (a value that cannot be
/// parsed is reported and the option keeps its previous value); range and cross-option checks run in
/// <see cref="Validate"/>. Property setters on the typed views check eagerly and throw with Flink's messages.
/// </remarks>
public sealed class FlinkConfiguration
{
    /// <summary>The <see cref="IConfiguration"/> section that holds Flink keys (<c>"Flink"</c>).</summary>
    public const string DefaultSectionName = ConfigurationKeys.DefaultSectionName;

    /// <summary>Prefix of environment variables holding Flink keys: <c>FLINK__execution__checkpointing__interval=10s</c>.</summary>
    public const string EnvironmentVariablePrefix = "FLINK__";

    private readonly Dictionary<OptionDescriptor, Entry> _entries = [];
    private readonly List<ConfigurationProblem> _loadProblems = [];
    private readonly List<string> _ignoredKeys = [];
    private readonly List<(string Name, int Count)> _sources = [];

    /// <summary>Creates a configuration holding Flink's defaults.</summary>
    public FlinkConfiguration()
    {
        Checkpointing = new CheckpointConfig(this);
        StateRecovery = new StateRecoveryConfig(this);
        RestartStrategy = new RestartStrategyConfig(this);
        Execution = new ExecutionConfig(this);
    }

    /// <summary>Checkpointing options (<c>execution.checkpointing.*</c>).</summary>
    public CheckpointConfig Checkpointing { get; }

    /// <summary>Options for restoring a job from a checkpoint or savepoint (<c>execution.state-recovery.*</c>).</summary>
    public StateRecoveryConfig StateRecovery { get; }

    /// <summary>Restart strategy options (<c>restart-strategy.*</c>).</summary>
    public RestartStrategyConfig RestartStrategy { get; }

    /// <summary>Parallelism and state backend options.</summary>
    public ExecutionConfig Execution { get; }

    /// <summary>Keys that were read but belong to Flink components FlinkSdk does not use (e.g. <c>taskmanager.*</c>); they are ignored.</summary>
    public IReadOnlyList<string> IgnoredKeys => _ignoredKeys;

    /// <summary>The sources added so far and how many settings each contributed, in order.</summary>
    public IReadOnlyList<(string Name, int Count)> Sources => _sources;

    /// <summary>Adds a Flink <c>config.yaml</c> (or legacy <c>flink-conf.yaml</c>); nested maps and flat dotted keys are both accepted.</summary>
    /// <param name="path">The file.</param>
    /// <returns>This configuration.</returns>
    public FlinkConfiguration AddYamlFile(string path) => Apply(YamlSettingsReader.ReadFile(path));

    /// <summary>Adds Flink settings written as YAML text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="sourceName">A name for messages, e.g. the file name.</param>
    /// <returns>This configuration.</returns>
    public FlinkConfiguration AddYaml(string yaml, string sourceName) => Apply(YamlSettingsReader.Read(yaml, sourceName));

    /// <summary>Adds the <paramref name="sectionName"/> section of a JSON file such as <c>appsettings.json</c>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="sectionName">The section holding Flink keys.</param>
    /// <returns>This configuration.</returns>
    public FlinkConfiguration AddJsonFile(string path, string sectionName = DefaultSectionName)
    {
        IConfigurationRoot json;
        try
        {
            json = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false).Build();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
        {
            string reason = e.InnerException?.Message ?? e.Message;
            return Apply(new SourceReadResult(path, [], LoadProblems.UnreadableFile(path, reason, new ConfigOrigin(ConfigOriginKind.File, path).ToString())));
        }

        // One provider, so one source; name it as the caller did rather than by the provider's resolved path.
        var settings = ConfigurationSettingsReader.Read(json, sectionName).SelectMany(source => source.Settings)
            .Select(setting => setting with { Origin = new ConfigOrigin(ConfigOriginKind.File, path) }).ToList();
        return Apply(new SourceReadResult(path, settings));
    }

    /// <summary>
    /// Adds the Flink keys of a .NET configuration section, e.g. <c>Flink:execution.checkpointing.interval</c>
    /// or <c>Flink:execution:checkpointing:interval</c> (from appsettings.json, <c>Flink__execution__…</c>
    /// environment variables or the command line). Each value's origin is taken from the provider that supplied it.
    /// </summary>
    /// <param name="configuration">The configuration; pass the root to get each value's origin.</param>
    /// <param name="sectionName">The section holding Flink keys.</param>
    /// <returns>This configuration.</returns>
    public FlinkConfiguration AddConfiguration(IConfiguration configuration, string sectionName = DefaultSectionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var source in ConfigurationSettingsReader.Read(configuration, sectionName))
        {
            Apply(source);
        }

        return this;
    }

    /// <summary>Adds environment variables named <c>FLINK__&lt;key with __ for dots&gt;</c>, e.g. <c>FLINK__execution__checkpointing__interval=10s</c>.</summary>
    /// <param name="variables">The variables to read; the process environment when <see langword="null"/>.</param>
    /// <returns>This configuration.</returns>
    public FlinkConfiguration AddEnvironmentVariables(IDictionary? variables = null) =>
        Apply(ConfigurationSettingsReader.ReadEnvironment(variables ?? Environment.GetEnvironmentVariables(), EnvironmentVariablePrefix));

    /// <summary>Adds Flink's dynamic properties from command-line arguments: <c>-Dkey=value</c> or <c>-D key=value</c>.</summary>
    /// <param name="args">The arguments; others are ignored.</param>
    /// <returns>This configuration.</returns>
    public FlinkConfiguration AddCommandLine(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return Apply(ConfigurationSettingsReader.ReadCommandLine(args));
    }

    /// <summary>Sets an option from its Flink key and text, exactly as a configuration file would.</summary>
    /// <param name="key">The Flink key, e.g. <c>execution.checkpointing.interval</c>.</param>
    /// <param name="value">The value in Flink's notation, e.g. <c>10 s</c>.</param>
    /// <returns>This configuration.</returns>
    /// <exception cref="FlinkConfigurationException">The key is unknown or the value cannot be parsed.</exception>
    public FlinkConfiguration Set(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (FlinkOptions.Find(key) is null)
        {
            throw new FlinkConfigurationException([LoadProblems.UnknownKey(key, location: null)]);
        }

        int before = _loadProblems.Count;
        Apply(new SourceReadResult("code", [new RawSetting(key, value, ConfigOrigin.Code)]), recordSource: false);
        var errors = _loadProblems.Skip(before).Where(p => p.Severity == ProblemSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            _loadProblems.RemoveRange(before, _loadProblems.Count - before);
            throw new FlinkConfigurationException(errors);
        }

        return this;
    }

    /// <summary>
    /// Returns every problem of this configuration at once: those found while loading (unknown keys, values
    /// that cannot be parsed, deprecated keys) and every range and cross-option rule, each with its rule id.
    /// </summary>
    /// <param name="hasIterations">Whether the job graph has an iteration.</param>
    /// <param name="hasCustomPartitioner">Whether the job graph uses a custom partitioner.</param>
    /// <returns>The problems, errors and warnings; empty when the configuration is clean.</returns>
    public IReadOnlyList<ConfigurationProblem> Validate(bool hasIterations = false, bool hasCustomPartitioner = false)
    {
        var values = new OptionValues();
        foreach (var (option, entry) in _entries)
        {
            values.Set(option, entry.Value);
        }

        var problems = new List<ConfigurationProblem>(_loadProblems);
        foreach (var problem in ConfigurationValidator.Validate(values, hasIterations, hasCustomPartitioner))
        {
            problems.Add(problem.WithLocation(LocationOf(problem.Keys)));
        }

        return problems;
    }

    /// <summary>Throws if <see cref="Validate"/> finds any error; warnings are returned.</summary>
    /// <param name="hasIterations">Whether the job graph has an iteration.</param>
    /// <param name="hasCustomPartitioner">Whether the job graph uses a custom partitioner.</param>
    /// <returns>The warnings.</returns>
    /// <exception cref="FlinkConfigurationException">The configuration has errors; the exception lists all of them.</exception>
    public IReadOnlyList<ConfigurationProblem> ThrowIfInvalid(bool hasIterations = false, bool hasCustomPartitioner = false)
    {
        var problems = Validate(hasIterations, hasCustomPartitioner);
        var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        return errors.Count > 0
            ? throw new FlinkConfigurationException(errors)
            : problems;
    }

    /// <summary>Every option with the value in force and where it came from, in catalog order.</summary>
    /// <returns>One entry per option.</returns>
    public IReadOnlyList<EffectiveOption> GetEffectiveOptions()
    {
        var options = new List<EffectiveOption>(FlinkOptions.All.Count);
        foreach (var option in FlinkOptions.All)
        {
            if (_entries.TryGetValue(option, out var entry))
            {
                options.Add(new EffectiveOption(option.Key, OptionValueParser.Format(option, entry.Value), entry.Origin, option.Description));
                continue;
            }

            object? value = DerivedDefault(option) ?? OptionValues.DefaultOf(option);
            options.Add(new EffectiveOption(option.Key, value is null ? "(none)" : OptionValueParser.Format(option, value), ConfigOrigin.Default, option.Description));
        }

        return options;
    }

    internal object? Get(OptionDescriptor option) =>
        _entries.TryGetValue(option, out var entry) ? entry.Value : OptionValues.DefaultOf(option);

    internal bool IsSet(OptionDescriptor option) => _entries.ContainsKey(option);

    /// <summary>Sets (or, with <see langword="null"/>, removes) a parsed value from application code.</summary>
    internal void SetValue(OptionDescriptor option, object? value)
    {
        if (value is null)
        {
            _entries.Remove(option);
        }
        else
        {
            _entries[option] = new Entry(value, ConfigOrigin.Code);
        }
    }

    // Flink derives some defaults from other options; show what is really in force.
    private object? DerivedDefault(OptionDescriptor option)
    {
        if (option == FlinkOptions.RestartStrategyType)
        {
            return Checkpointing.IsCheckpointingEnabled ? "exponential-delay" : "none";
        }

        if (option == FlinkOptions.CheckpointStorage)
        {
            return Checkpointing.EffectiveCheckpointStorage;
        }

        return option == FlinkOptions.LocalBackupEnabled ? StateRecovery.FromLocal : null;
    }

    private string? LocationOf(IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
        {
            var option = FlinkOptions.Find(key);
            if (option is not null && _entries.TryGetValue(option, out var entry))
            {
                return entry.Origin.ToString();
            }
        }

        return null;
    }

    /// <summary>
    /// Resolves keys, parses values and records problems for one source. Within a source Flink's precedence
    /// applies (the current key beats a deprecated one); across sources the later source wins.
    /// </summary>
    private FlinkConfiguration Apply(SourceReadResult source, bool recordSource = true)
    {
        if (recordSource)
        {
            _sources.Add((source.Name, source.Settings.Count));
        }

        if (source.Error is not null)
        {
            // A source that cannot be read contributes nothing: no half-read file.
            _loadProblems.Add(source.Error);
            return this;
        }

        var resolved = SettingsResolver.Resolve(
            source.Name, source.Settings, everyKeyMustBeKnown: false, (_, problem, _) => _loadProblems.Add(problem), setting => _ignoredKeys.Add(setting.Key));
        foreach (var setting in resolved)
        {
            _entries[setting.Option] = new Entry(setting.Value, setting.Setting.Origin);
        }

        return this;
    }

    private sealed record Entry(object Value, ConfigOrigin Origin);
}
