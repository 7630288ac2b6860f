// Shared source (netstandard2.0, dependency-free): see ConfigurationProblem.cs.
using System;

namespace FlinkSdk.Configuration
{
    /// <summary>Finds the known key closest to a mistyped one, for "did you mean" hints.</summary>
    internal static class KeySuggester
    {
        /// <summary>Returns the current key of the option closest to <paramref name="unknownKey"/>, or <see langword="null"/> if none is close.</summary>
        public static string? Suggest(string unknownKey)
        {
            string? best = null;
            int bestDistance = int.MaxValue;
            foreach (var option in FlinkOptions.All)
            {
                Consider(option.Key, option.Key);
                foreach (var deprecated in option.DeprecatedKeys)
                {
                    Consider(deprecated, option.Key);
                }
            }

            return best;

            void Consider(string candidate, string suggestion)
            {
                int distance = Distance(unknownKey, candidate);
                bool close = distance <= Math.Max(3, candidate.Length / 4) ||
                    (unknownKey.Length > 10 && candidate.StartsWith(unknownKey, StringComparison.Ordinal));
                if (close && distance < bestDistance)
                {
                    bestDistance = distance;
                    best = suggestion;
                }
            }
        }

        /// <summary>Levenshtein edit distance.</summary>
        public static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                    current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
                }

                var swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }
    }
}
