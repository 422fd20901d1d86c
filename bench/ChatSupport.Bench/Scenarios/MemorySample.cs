using ChatSupport.Bench.Measure;

namespace ChatSupport.Bench.Scenarios;

/// <summary>A server's memory at one moment: resident set (from /proc) and live managed heap (after a full GC, from the probe).</summary>
public sealed record MemorySample(long ResidentBytes, long? LiveHeapBytes)
{
    public static async Task<MemorySample> TakeAsync(ProcessMeter meter, string? gcHeapFile)
    {
        var resident = meter.ResidentBytes();
        var heap = gcHeapFile is null ? null : await GcHeapProbe.CollectAndReadAsync(gcHeapFile, TimeSpan.FromSeconds(30));
        return new MemorySample(resident, heap?.HeapBytes);
    }
}

/// <summary>Memory with the chats open (those still connected when it was read) against memory before any: the growth, per open chat.</summary>
public sealed record MemoryGrowth(int OpenChats, MemorySample Before, MemorySample After)
{
    public double ResidentBytesPerChat => (After.ResidentBytes - Before.ResidentBytes) / (double)OpenChats;

    public double? LiveHeapBytesPerChat => After.LiveHeapBytes - Before.LiveHeapBytes is { } grown ? grown / (double)OpenChats : null;
}
