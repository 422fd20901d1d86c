namespace ChatSupport.Grains.Storage;

/// <summary>Names of the Orleans grain storage providers the grains use.</summary>
public static class StorageNames
{
    public const string Chat = "chat";
}
