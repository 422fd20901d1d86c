namespace ChatSupport.Contracts.Sessions;

/// <summary>Bounds on everything a client can send. The hubs and the grains check the same numbers.</summary>
public static class ChatLimits
{
    public const int MessageMaxLength = 4_000;
    public const int FeedbackMaxLength = 2_000;
    public const int MinStars = 1;
    public const int MaxStars = 5;
    public const int ClientMessageIdMaxLength = 64;
    public const int IdMaxLength = 64;
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int UrlMaxLength = 2_048;
    public const int TitleMaxLength = 300;
    public const int UserAgentMaxLength = 512;
    public const int ShortFieldMaxLength = 64;
    public const int TransferNoteMaxLength = 1_000;
    public const int HistoryPageMax = 200;
}
