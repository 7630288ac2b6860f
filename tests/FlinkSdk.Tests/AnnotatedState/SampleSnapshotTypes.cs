using System.Collections.Immutable;
using FlinkSdk.State;

namespace FlinkSdk.Tests.AnnotatedState;

/// <summary>An enum with gaps and a large value (written as its underlying integer).</summary>
internal enum Tier
{
    None = 0,
    Silver = 1,
    Gold = 2,
    Platinum = 1000,
}

/// <summary>An enum over <see langword="long"/> whose members span the whole range.</summary>
internal enum Magnitude : long
{
    Smallest = long.MinValue,
    Zero = 0,
    Largest = long.MaxValue,
}

/// <summary>A record class with init-only members (built through an object initializer).</summary>
[SnapshotType]
internal sealed record Customer
{
    [Key(0)]
    public string? Name { get; init; } = "anonymous";

    [Key(1)]
    public int Age { get; init; }

    [Key(2)]
    public decimal Balance { get; init; }

    [Key(3)]
    public DateTime Joined { get; init; }

    [Key(4)]
    public Guid Id { get; init; }

    [Key(5)]
    public Tier Tier { get; init; } = Tier.Silver;

    [Key(6)]
    public byte[]? Avatar { get; init; }

    [Key(7)]
    public char Initial { get; init; }
}

/// <summary>A positional record (built through its constructor) holding a record struct.</summary>
[SnapshotType]
internal sealed record Line([property: Key(0)] string Sku, [property: Key(1)] int Quantity, [property: Key(2)] Money Price);

/// <summary>A positional record struct.</summary>
[SnapshotType]
internal record struct Money([property: Key(0)] decimal Amount, [property: Key(1)] string? Currency);

/// <summary>A plain struct with public fields.</summary>
[SnapshotType]
internal struct Point
{
    [Key(0)]
    public double X;

    [Key(1)]
    public float Y;

    [Key(2)]
    public sbyte Z;
}

/// <summary>A class with settable members: nested user types, every collection kind, nullables, tuples, and itself.</summary>
[SnapshotType]
internal sealed class Order
{
    [Key(0)]
    public long Number { get; set; }

    [Key(1)]
    public Customer? Customer { get; set; }

    [Key(2)]
    public List<Line>? Lines { get; set; }

    [Key(3)]
    public Line[]? Returned { get; set; }

    [Key(4)]
    public Dictionary<string, Money>? Totals { get; set; }

    [Key(5)]
    public HashSet<int>? Flags { get; set; }

    [Key(6)]
    public Queue<string?>? Notes { get; set; }

    [Key(7)]
    public ImmutableArray<long> Checksums { get; set; }

    [Key(8)]
    public ImmutableList<Point>? Route { get; set; }

    [Key(9)]
    public ImmutableHashSet<string>? Labels { get; set; }

    [Key(10)]
    public ImmutableDictionary<int, Point?>? Stops { get; set; }

    [Key(11)]
    public int? Priority { get; set; }

    [Key(12)]
    public (int Count, string? Name) Pair { get; set; }

    [Key(13)]
    public (long, double, bool, char, short, byte, uint) Seven { get; set; }

    [Key(14)]
    public TimeSpan Window { get; set; }

    [Key(15)]
    public DateTimeOffset Placed { get; set; }

    [Key(16)]
    public Point? Origin { get; set; }

    [Key(17)]
    public Money Total { get; set; }

    [Key(18)]
    public Order? Parent { get; set; }

    [Key(19)]
    public List<Dictionary<string, int[]>>? Nested { get; set; }

    [Key(20)]
    public ulong Big { get; set; }

    [Key(21)]
    public ushort Small { get; set; }

    [Key(22)]
    public Guid? MaybeId { get; set; }

    [Key(23)]
    public Magnitude Magnitude { get; set; }

    [Key(24)]
    public bool Paid { get; set; }
}
