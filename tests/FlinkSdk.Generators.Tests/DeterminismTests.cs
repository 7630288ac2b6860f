namespace FlinkSdk.Generators.Tests;

/// <summary>The same input always gives the same output, byte for byte.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void Two_independent_runs_give_identical_sources()
    {
        var first = GeneratorHarness.Sources(GeneratorHarness.Run(GeneratorHarness.Compile([.. Scenarios.All.Values])).Result);
        var second = GeneratorHarness.Sources(GeneratorHarness.Run(GeneratorHarness.Compile([.. Scenarios.All.Values])).Result);

        Assert.Equal(8, first.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var invariant = GeneratorHarness.Sources(GeneratorHarness.Run(GeneratorHarness.Compile([.. Scenarios.All.Values])).Result);
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            // The machine runs with invariant globalization: build a culture that formats numbers differently.
            var odd = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
            odd.NumberFormat.NegativeSign = "\u2212";
            odd.NumberFormat.NumberDecimalSeparator = ",";
            System.Globalization.CultureInfo.CurrentCulture = odd;
            var localized = GeneratorHarness.Sources(GeneratorHarness.Run(GeneratorHarness.Compile([.. Scenarios.All.Values])).Result);
            Assert.Equal(invariant, localized);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Hint_names_follow_the_full_type_names()
    {
        var hints = GeneratorHarness.Run(GeneratorHarness.Compile([.. Scenarios.All.Values])).Result.GeneratedSources
            .Select(s => s.HintName)
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "Company.Jobs.Fraud.Detection.Holder.Detector.g.cs",
                "Company.Jobs.Fraud.Detection.Window.StateSerializer.g.cs",
                "Pipeline.Buffering.g.cs",
                "Point.StateSerializer.g.cs",
                "Shop.Orders.Money.StateSerializer.g.cs",
                "Shop.Orders.Order.StateSerializer.g.cs",
                "Shop.Orders.OrderTracker.g.cs",
                "Tracker.g.cs",
            ],
            hints);
    }
}
