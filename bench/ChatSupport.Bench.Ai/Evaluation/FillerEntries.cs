namespace ChatSupport.Bench.Ai.Evaluation;

/// <summary>
/// Entries that fill the index to the size where latency and memory are measured: short answers of the kind learned
/// from chats (an order, a product, what happened). Only <see cref="Distinct"/> texts are embedded (the model costs
/// ~20 ms a text on this machine); every entry still holds its own copy of a vector and its own text in the BM25 index,
/// so the scan, the index and the memory are those of that many entries.
/// </summary>
public static class FillerEntries
{
    public const int Distinct = 400;

    private static readonly string[] Products =
        ["merino base layer", "down jacket", "trail running shoes", "65 litre backpack", "two-person tent", "fleece gilet",
         "walking poles", "softshell trousers", "sleeping bag", "insulated water bottle", "head torch", "gaiters",
         "waterproof overtrousers", "camping stove", "thermal gloves", "beanie", "hiking socks", "rain poncho", "dry bag", "compass"];
    private static readonly string[] Events =
        ["was dispatched from the Leeds warehouse", "is reserved in the Bristol store", "was refunded to the visitor's card",
         "is on its way back to the supplier", "was replaced under warranty", "has its repair booked for next week",
         "was redelivered by the courier", "had the wrong size label and was exchanged", "was sent with a gift message",
         "is waiting for collection at the pick-up point"];
    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    public static string Text(int i) =>
        $"Order {100000 + i}: the {Products[i % Products.Length]} in size {"SMLX"[i / 7 % 4]} {Events[i / 3 % Events.Length]} on {Days[i % Days.Length]}.";
}
