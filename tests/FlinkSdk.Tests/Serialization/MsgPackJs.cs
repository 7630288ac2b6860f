using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlinkSdk.Tests.Serialization;

/// <summary>
/// The independent MessagePack implementation, npm's <c>@msgpack/msgpack</c>, through the scripts in
/// tests/msgpack-interop (<c>decode.mjs</c>, <c>encode.mjs</c>, and the marker JSON of <c>json-markers.mjs</c>). Runs
/// <c>npm ci</c> there once when <c>node_modules</c> is missing; needs Node.js 18+ and npm.
/// </summary>
internal static class MsgPackJs
{
    private static readonly Lock InstallLock = new();
    private static bool s_installed;

    private static string Directory => RepositoryPaths.Combine("tests", "msgpack-interop");

    /// <summary>The one value in <paramref name="bytes"/>, as @msgpack/msgpack decodes it, in marker JSON.</summary>
    public static string Decode(byte[] bytes)
    {
        string file = Path.Combine(Path.GetTempPath(), $"flinksdk-state-{Guid.NewGuid():N}.msgpack");
        try
        {
            File.WriteAllBytes(file, bytes);
            return Node("decode.mjs", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The bytes @msgpack/msgpack encodes for the marker JSON <paramref name="json"/>.</summary>
    public static byte[] Encode(string json)
    {
        string input = Path.Combine(Path.GetTempPath(), $"flinksdk-state-{Guid.NewGuid():N}.json");
        string output = Path.ChangeExtension(input, ".msgpack");
        try
        {
            File.WriteAllText(input, json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            Node("encode.mjs", input, output);
            return File.ReadAllBytes(output);
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    /// <summary>
    /// Asserts two marker JSON documents mean the same: numbers by value, and a plain object the same as the
    /// <c>{"$map": [[key, value], ...]}</c> of its properties. Fails naming the path of the first difference.
    /// </summary>
    public static void AssertSameJson(string expected, string actual)
    {
        if (FirstDifference(Canonical(JsonNode.Parse(expected)), Canonical(JsonNode.Parse(actual)), "$") is { } difference)
        {
            Assert.Fail($"@msgpack/msgpack decoded other values than expected: {difference}\nexpected: {Shorten(expected)}\nactual:   {Shorten(actual)}");
        }
    }

    private static string Shorten(string json) => json.Length > 2000 ? json[..2000] + "…" : json;

    private static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        if (expected is JsonArray expectedItems && actual is JsonArray actualItems)
        {
            for (int i = 0; i < Math.Min(expectedItems.Count, actualItems.Count); i++)
            {
                if (FirstDifference(expectedItems[i], actualItems[i], $"{path}[{i}]") is { } inner)
                {
                    return inner;
                }
            }

            return expectedItems.Count == actualItems.Count ? null : $"{path} has {actualItems.Count} items, expected {expectedItems.Count}";
        }

        if (expected is JsonObject expectedObject && actual is JsonObject actualObject
            && expectedObject.Select(p => p.Key).SequenceEqual(actualObject.Select(p => p.Key)))
        {
            foreach (var (key, value) in expectedObject)
            {
                if (FirstDifference(value, actualObject[key], $"{path}.{key}") is { } inner)
                {
                    return inner;
                }
            }

            return null;
        }

        return JsonNode.DeepEquals(expected, actual) ? null : $"at {path} expected {Show(expected)} but found {Show(actual)}";
    }

    private static string Show(JsonNode? node)
    {
        string text = node?.ToJsonString() ?? "null";
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    // Numbers compare by value, not spelling (1e21 == 1E+21); integers beyond 2^53 travel as {"$int": "..."}.
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonArray array => new JsonArray([.. array.Select(Canonical)]),
        JsonObject map when map.Count == 1 && map.First().Key == "$map" =>
            new JsonObject { ["$map"] = new JsonArray([.. map["$map"]!.AsArray().Select(pair => (JsonNode?)new JsonArray(Canonical(pair![0]), Canonical(pair[1])))]) },
        JsonObject marker when marker.Count == 1 && marker.First().Key.StartsWith('$') => marker.DeepClone(),
        JsonObject plain => new JsonObject { ["$map"] = new JsonArray([.. plain.Select(p => (JsonNode?)new JsonArray(JsonValue.Create(p.Key), Canonical(p.Value)))]) },
        JsonValue number when number.GetValueKind() == JsonValueKind.Number =>
            JsonValue.Create(double.Parse(number.ToJsonString(), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)),
        _ => node?.DeepClone(),
    };

    private static string Node(params string[] args)
    {
        EnsureInstalled();
        var result = Run("node", args);
        Assert.True(result.ExitCode == 0, $"node {string.Join(' ', args)} failed:\n{result}");
        return result.Output;
    }

    private static void EnsureInstalled()
    {
        lock (InstallLock)
        {
            if (s_installed || File.Exists(Path.Combine(Directory, "node_modules", "@msgpack", "msgpack", "package.json")))
            {
                s_installed = true;
                return;
            }

            var result = Run("npm", ["ci", "--no-audit", "--no-fund"], timeoutSeconds: 300);
            Assert.True(result.ExitCode == 0, $"`npm ci` in {Directory} failed (the MessagePack interop tests need the npm registry once):\n{result}");
            s_installed = true;
        }
    }

    private static ProcessResult Run(string tool, IReadOnlyList<string> args, int timeoutSeconds = 120)
    {
        try
        {
            return ProcessRunner.Run(tool, args, Directory, timeoutSeconds: timeoutSeconds);
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"The MessagePack interop tests need Node.js 18+ and npm on the PATH to run @msgpack/msgpack from {Directory}, but `{tool}` could not be started: {e.Message}.");
            throw;
        }
    }
}
