using System.Text.Json;
using System.Text.Json.Serialization;

namespace KyodoBot.Core.Knowledge.Uploads;

public enum UploadState
{
    Pending,
    Published,
    Cancelled,

    /// <summary>Left undecided longer than <c>Knowledge:UploadExpiryDays</c>: its staged file is gone.</summary>
    Expired,
}

/// <summary>One section line of the preview: its title and page (null when the format has no pages).</summary>
public sealed record UploadSection(string Title, int? Page, int Level);

/// <summary>
/// An uploaded file waiting for 公開する / 取り消す, with what its preview card showed (so that the card can be drawn
/// again, also after a restart). <see cref="Replaces"/>: the card said that a same-named file will be replaced.
/// </summary>
public sealed record PendingUpload
{
    public required string Id { get; init; }
    public required string FileName { get; init; }
    public required string UploadedBy { get; init; }
    public string? UploaderName { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public long Bytes { get; init; }
    public UploadState State { get; init; }
    public bool Replaces { get; init; }
    public int SectionCount { get; init; }
    public int PageCount { get; init; }
    public string HeadingSource { get; init; } = "";
    public IReadOnlyList<UploadSection> FirstSections { get; init; } = [];
    public IReadOnlyList<string> Problems { get; init; } = [];
    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
}

/// <summary>
/// The staging folder <c>&lt;knowledge&gt;/.uploads/</c>: each upload is <c>&lt;id&gt;.file</c> (the bytes as downloaded)
/// and <c>&lt;id&gt;.json</c> (<see cref="PendingUpload"/>). On the knowledge folder's own file system, so that
/// publishing is one rename, and it survives a restart. The loader and the watcher ignore it (a dot folder, not a
/// file of the top level). Ids are generated here (32 hex digits); anything else a card sends is refused.
/// </summary>
public sealed class KnowledgeUploadStore
{
    public const string FolderName = ".uploads";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Held while a press changes an upload's state: one of two presses wins, the other sees the result.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public KnowledgeUploadStore(string knowledgeFolder)
    {
        KnowledgeFolder = knowledgeFolder;
        Folder = Path.Combine(knowledgeFolder, FolderName);
    }

    public string KnowledgeFolder { get; }

    public string Folder { get; }

    public static string NewId() => Guid.NewGuid().ToString("N");

    public static bool IsId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    public string ContentPath(string id) => Path.Combine(Folder, id + ".file");

    private string MetaPath(string id) => Path.Combine(Folder, id + ".json");

    public void EnsureFolder() => Directory.CreateDirectory(Folder);

    public async Task SaveAsync(PendingUpload upload, CancellationToken cancellationToken)
    {
        EnsureFolder();
        var temp = MetaPath(upload.Id) + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(upload, Json), cancellationToken);
        File.Move(temp, MetaPath(upload.Id), overwrite: true);
    }

    public async Task<PendingUpload?> FindAsync(string? id, CancellationToken cancellationToken)
    {
        if (!IsId(id) || !File.Exists(MetaPath(id!)))
        {
            return null;
        }

        return JsonSerializer.Deserialize<PendingUpload>(await File.ReadAllTextAsync(MetaPath(id!), cancellationToken), Json);
    }

    /// <summary>
    /// Tidies the folder at <paramref name="now"/>: a pending upload received <paramref name="expiry"/> ago or earlier
    /// becomes <see cref="UploadState.Expired"/> (its staged file deleted, the record kept so that its card can say
    /// so); a decided record (published, cancelled, expired) decided <paramref name="retention"/> ago or earlier is
    /// deleted with any file left of it; so is a staged file without a record (a download cut short) older than
    /// <paramref name="expiry"/>. Returns how many expired and how many were deleted. Call under <see cref="Gate"/>.
    /// </summary>
    public async Task<(int Expired, int Deleted)> SweepAsync(DateTimeOffset now, TimeSpan expiry, TimeSpan retention, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Folder))
        {
            return (0, 0);
        }

        var (expired, deleted) = (0, 0);
        foreach (var meta in Directory.EnumerateFiles(Folder, "*.json"))
        {
            var id = Path.GetFileNameWithoutExtension(meta);
            PendingUpload? upload;
            try
            {
                upload = await FindAsync(id, cancellationToken);
            }
            catch (JsonException)
            {
                continue;
            }

            if (upload is null)
            {
                continue;
            }

            if (upload.State == UploadState.Pending && upload.ReceivedAt + expiry <= now)
            {
                DeleteContent(id);
                await SaveAsync(upload with { State = UploadState.Expired, DecidedAt = now }, cancellationToken);
                expired++;
            }
            else if (upload.State != UploadState.Pending && upload.DecidedAt is { } decided && decided + retention <= now)
            {
                DeleteContent(id);
                File.Delete(meta);
                deleted++;
            }
        }

        foreach (var content in Directory.EnumerateFiles(Folder, "*.file"))
        {
            var id = Path.GetFileNameWithoutExtension(content);
            if (!File.Exists(MetaPath(id)) && new DateTimeOffset(File.GetLastWriteTimeUtc(content), TimeSpan.Zero) + expiry <= now)
            {
                File.Delete(content);
                deleted++;
            }
        }

        return (expired, deleted);
    }

    public void DeleteContent(string id)
    {
        if (File.Exists(ContentPath(id)))
        {
            File.Delete(ContentPath(id));
        }
    }
}
