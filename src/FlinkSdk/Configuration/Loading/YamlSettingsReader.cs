using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FlinkSdk.Configuration.Loading;

/// <summary>
/// Reads a Flink <c>config.yaml</c> (2.x standard YAML, nested maps and flat dotted keys alike) or a legacy
/// <c>flink-conf.yaml</c> into flat settings, keeping each value's line so problems can point at it.
/// </summary>
internal static class YamlSettingsReader
{
    public static SourceReadResult ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SourceReadResult(path, [], LoadProblems.UnreadableFile(path, e.Message, new ConfigOrigin(ConfigOriginKind.File, path).ToString()));
        }

        return Read(text, path);
    }

    public static SourceReadResult Read(string yaml, string sourceName)
    {
        var settings = new List<RawSetting>();
        try
        {
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                if (parser.Accept<MappingStart>(out _))
                {
                    ReadMapping(parser, prefix: string.Empty, sourceName, settings);
                }
                else if (parser.TryConsume<Scalar>(out var scalar) && scalar.Value.Length > 0)
                {
                    throw new YamlException(scalar.Start, scalar.End, "the document must be a map of keys to values");
                }
                else if (parser.Accept<SequenceStart>(out var sequence))
                {
                    throw new YamlException(sequence.Start, sequence.End, "the document must be a map of keys to values, not a list");
                }

                parser.Consume<DocumentEnd>();
            }

            return new SourceReadResult(sourceName, settings);
        }
        catch (YamlException e)
        {
            string reason = e.InnerException?.Message ?? e.Message;
            return new SourceReadResult(sourceName, settings, LoadProblems.UnparsableYaml(
                sourceName, e.Start.Line, e.Start.Column, reason, new ConfigOrigin(ConfigOriginKind.File, $"{sourceName}:{e.Start.Line}").ToString()));
        }
    }

    private static void ReadMapping(IParser parser, string prefix, string sourceName, List<RawSetting> settings)
    {
        parser.Consume<MappingStart>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            if (!parser.TryConsume<Scalar>(out var keyScalar))
            {
                var current = parser.Current!;
                throw new YamlException(current.Start, current.End, "keys must be plain text");
            }

            string key = prefix + keyScalar.Value;
            if (parser.Accept<MappingStart>(out _))
            {
                ReadMapping(parser, key + ".", sourceName, settings);
            }
            else if (parser.TryConsume<Scalar>(out var value))
            {
                bool isNull = value.Style == ScalarStyle.Plain && value.Value is "" or "~" or "null";
                settings.Add(new RawSetting(key, isNull ? null : value.Value, Origin(sourceName, keyScalar)));
            }
            else if (parser.TryConsume<SequenceStart>(out _))
            {
                // Flink's list options are ';'-separated in legacy files; none of ours are lists, so keep the text.
                var items = new List<string>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(parser.Consume<Scalar>().Value);
                }

                settings.Add(new RawSetting(key, string.Join(';', items), Origin(sourceName, keyScalar)));
            }
            else
            {
                var current = parser.Current!;
                throw new YamlException(current.Start, current.End, "anchors and aliases are not supported in Flink configuration files");
            }
        }
    }

    private static ConfigOrigin Origin(string sourceName, ParsingEvent keyEvent) =>
        new(ConfigOriginKind.File, $"{sourceName}:{keyEvent.Start.Line}");
}
