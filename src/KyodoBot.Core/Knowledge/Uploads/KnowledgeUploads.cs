using System.Text;
using KyodoBot.Core.Access;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge.Documents;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Text;
using Microsoft.Extensions.Logging;

namespace KyodoBot.Core.Knowledge.Uploads;

/// <summary>
/// An admin sends a Word, PDF or Markdown file in the personal chat: it is downloaded (size limit, timeout) into the
/// staging folder, read with the knowledge readers, and shown as a preview card with 公開する / 取り消す. Only
/// 公開する by an admin moves it into the knowledge folder; the index is reloaded at once. Anyone else is refused
/// before anything is downloaded (closed by default, ADR 0015). Every file of a message gets its own preview (at
/// most <see cref="MaxFilesPerMessage"/>). Each upload turn and each press first sweeps the staging folder
/// (<see cref="KnowledgeUploadStore.SweepAsync"/>): previews left undecided expire, decided records are deleted after
/// the retention period.
/// </summary>
public sealed class KnowledgeUploads(
    KnowledgeBase knowledge,
    KnowledgeUploadStore store,
    KnowledgeUploadOptions options,
    IHttpClientFactory http,
    AdminPolicy admins,
    Texts texts,
    TimeProvider time,
    ILogger<KnowledgeUploads> logger) : IFileUploadHandler
{
    public const string HttpClientName = "KnowledgeUpload";
    public const int PreviewSections = 8;
    public const int MaxFilesPerMessage = 10;

    public static IReadOnlyList<string> Extensions { get; } = [".docx", ".pdf", ".md"];

    public async Task<IReadOnlyList<OutgoingMessage>> HandleAsync(IncomingTurn turn, IReadOnlyList<IncomingFile> files, CancellationToken cancellationToken)
    {
        List<OutgoingMessage> Say(string key, params object?[] args) => [OutgoingMessage.FromText(texts.Get(turn.Language, key, args))];
        if (!admins.IsAdmin(turn))
        {
            logger.LogWarning("Knowledge upload refused: {User} is not an admin", turn.AadObjectId ?? turn.UserId);
            return Say(admins.RefusalKey("upload.notAdmin"));
        }

        if (turn.Kind != ConversationKind.Personal)
        {
            return Say("upload.personalOnly");
        }

        await SweepAsync(cancellationToken);
        var replies = new List<OutgoingMessage>();
        foreach (var file in files.Take(MaxFilesPerMessage))
        {
            replies.AddRange(await HandleFileAsync(turn, file, cancellationToken));
        }

        if (files.Count > MaxFilesPerMessage)
        {
            replies.AddRange(Say("upload.tooMany", MaxFilesPerMessage, string.Join("、", files.Skip(MaxFilesPerMessage).Select(f => Markdown.Escape(f.Name)))));
        }

        return replies;
    }

    /// <summary>One file of an admin's message: its name, type and URL checked, then downloaded and previewed.</summary>
    private async Task<IReadOnlyList<OutgoingMessage>> HandleFileAsync(IncomingTurn turn, IncomingFile file, CancellationToken cancellationToken)
    {
        List<OutgoingMessage> Say(string key, params object?[] args) => [OutgoingMessage.FromText(texts.Get(turn.Language, key, args))];
        if (SafeFileName(file.Name) is not { } name)
        {
            return Say("upload.badName", Markdown.Escape(file.Name));
        }

        if (!Extensions.Contains(Path.GetExtension(name).ToLowerInvariant(), StringComparer.Ordinal))
        {
            return Say("upload.wrongType", Markdown.Escape(name));
        }

        // Teams' download URLs are https; plain http only to this machine (local emulators, tests).
        if (!Uri.TryCreate(file.DownloadUrl, UriKind.Absolute, out var url) || !(url.Scheme == "https" || (url.Scheme == "http" && url.IsLoopback)))
        {
            return Say("upload.downloadFailed", Markdown.Escape(name), "URL");
        }

        return await ReceiveAsync(turn, name, url, cancellationToken);
    }

    /// <summary>Downloads a checked file into the staging folder, reads it, and answers with its preview card.</summary>
    private async Task<IReadOnlyList<OutgoingMessage>> ReceiveAsync(IncomingTurn turn, string name, Uri url, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        List<OutgoingMessage> Say(string key, params object?[] args) => [OutgoingMessage.FromText(T(key, args))];
        var id = KnowledgeUploadStore.NewId();
        store.EnsureFolder();
        var content = store.ContentPath(id);
        var download = await DownloadAsync(url, content, cancellationToken);
        if (download.Error is not null)
        {
            store.DeleteContent(id);
            return download.TooLarge
                ? Say("upload.tooLarge", Markdown.Escape(name), options.MaxBytes / (1024.0 * 1024.0))
                : Say("upload.downloadFailed", Markdown.Escape(name), download.Error is "timeout" or "connection" ? T("upload.reason." + download.Error) : download.Error);
        }

        var upload = new PendingUpload
        {
            Id = id,
            FileName = name,
            UploadedBy = turn.AadObjectId!,
            UploaderName = turn.UserName,
            ReceivedAt = time.GetUtcNow(),
            Bytes = download.Bytes,
            Replaces = File.Exists(Path.Combine(store.KnowledgeFolder, name)),
        };
        try
        {
            upload = Preview(upload, content);
        }
        catch (Exception ex) when (ex is DocumentReadException or KnowledgeFormatException or DecoderFallbackException)
        {
            store.DeleteContent(id);
            var reason = ex is KnowledgeFormatException format ? T("upload.reason.line", format.Line, format.Reason) : ex.Message;
            return Say("upload.unreadable", Markdown.Escape(name), Markdown.Escape(reason));
        }

        if (upload.SectionCount == 0)
        {
            store.DeleteContent(id);
            return Say("upload.noSections", Markdown.Escape(name));
        }

        await store.SaveAsync(upload, cancellationToken);
        logger.LogInformation("Knowledge upload {Id}: {File} ({Bytes} bytes, {Sections} sections) waits for 公開する", id, name, upload.Bytes, upload.SectionCount);
        return [OutgoingMessage.FromCard(KnowledgeUploadCard.Render(upload, texts, language))];
    }

    /// <summary>公開する or 取り消す on a preview card. A second press, or a press on a decided card, says it is done.</summary>
    public async Task<CardExecuteResult> DecideAsync(IncomingTurn turn, string? id, bool publish, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        if (!admins.IsAdmin(turn))
        {
            return new CardExecuteResult(null, T(admins.RefusalKey("upload.notAdmin")));
        }

        await store.Gate.WaitAsync(cancellationToken);
        try
        {
            await SweepAsync(cancellationToken, gated: true);
            if (await store.FindAsync(id, cancellationToken) is not { } upload)
            {
                return new CardExecuteResult(null, T("upload.unknown"));
            }

            var name = Markdown.Escape(upload.FileName);
            if (upload.State != UploadState.Pending)
            {
                return new CardExecuteResult(KnowledgeUploadCard.Render(upload, texts, language), T(upload.State switch
                {
                    UploadState.Published => "upload.alreadyPublished",
                    UploadState.Expired => "upload.alreadyExpired",
                    _ => "upload.alreadyCancelled",
                }, name, options.Expiry.TotalDays));
            }

            var decided = upload with { DecidedBy = turn.UserName ?? turn.AadObjectId, DecidedAt = time.GetUtcNow() };
            if (!publish)
            {
                store.DeleteContent(upload.Id);
                decided = decided with { State = UploadState.Cancelled };
                await store.SaveAsync(decided, cancellationToken);
                return new CardExecuteResult(KnowledgeUploadCard.Render(decided, texts, language), T("upload.cancelled", name));
            }

            return await PublishAsync(turn, upload, decided, cancellationToken);
        }
        finally
        {
            store.Gate.Release();
        }
    }

    /// <summary>公開する on a pending upload (under the store's gate): moves it into the knowledge folder and reloads.</summary>
    private async Task<CardExecuteResult> PublishAsync(IncomingTurn turn, PendingUpload upload, PendingUpload decided, CancellationToken cancellationToken)
    {
        var language = turn.Language;
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        var name = Markdown.Escape(upload.FileName);
        var target = Path.Combine(store.KnowledgeFolder, upload.FileName);
        if (File.Exists(target) && !upload.Replaces)
        {
            // Someone added a file of that name since the preview: the card must say so before it is replaced.
            var warned = upload with { Replaces = true };
            await store.SaveAsync(warned, cancellationToken);
            return new CardExecuteResult(KnowledgeUploadCard.Render(warned, texts, language), T("upload.nowReplaces", name));
        }

        try
        {
            File.Move(store.ContentPath(upload.Id), target, overwrite: true);
        }
        catch (FileNotFoundException)
        {
            // Another instance sharing the folder published or cancelled it a moment ago.
            var now = await store.FindAsync(upload.Id, cancellationToken) ?? upload;
            return new CardExecuteResult(KnowledgeUploadCard.Render(now, texts, language),
                T(now.State == UploadState.Cancelled ? "upload.alreadyCancelled" : "upload.alreadyPublished", name));
        }

        decided = decided with { State = UploadState.Published };
        await store.SaveAsync(decided, cancellationToken);
        logger.LogInformation("Knowledge upload {Id}: {File} published by {User}", upload.Id, upload.FileName, turn.AadObjectId);

        // Live now rather than when the watcher's debounce fires (the watcher reloads once more; unchanged files are cached).
        var index = knowledge.Reload();
        var problem = index.Errors.FirstOrDefault(e => string.Equals(e.File, upload.FileName, StringComparison.Ordinal));
        var message = problem is null
            ? T("upload.published", name, index.Sections.Count(s => s.Section.FileName == upload.FileName))
            : T("upload.publishedWithError", name, Markdown.Escape(problem.Message));
        return new CardExecuteResult(KnowledgeUploadCard.Render(decided, texts, language), message);
    }

    /// <summary>Expires undecided previews and deletes old decided records; a failure is logged, never the turn's.</summary>
    private async Task SweepAsync(CancellationToken cancellationToken, bool gated = false)
    {
        if (!gated)
        {
            await store.Gate.WaitAsync(cancellationToken);
        }

        try
        {
            var (expired, deleted) = await store.SweepAsync(time.GetUtcNow(), options.Expiry, options.Retention, cancellationToken);
            if (expired + deleted > 0)
            {
                logger.LogInformation("Knowledge uploads: {Expired} preview(s) expired, {Deleted} old record(s) deleted", expired, deleted);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Knowledge uploads: sweeping {Folder} failed", store.Folder);
        }
        finally
        {
            if (!gated)
            {
                store.Gate.Release();
            }
        }
    }

    /// <summary>
    /// The name the file gets in the knowledge folder: the last path segment only, no control or path characters, not
    /// hidden or ignored by the loader (<c>.x</c>, <c>_x</c>, <c>~$x</c>), at most 120 characters. Null when nothing usable is left.
    /// </summary>
    public static string? SafeFileName(string? name)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/').Last();
        var invalid = Path.GetInvalidFileNameChars();
        var cleaned = new string([.. last.Normalize(NormalizationForm.FormC).Where(c => !char.IsControl(c) && !invalid.Contains(c) && c is not (':' or '*' or '?' or '"' or '<' or '>' or '|'))]).Trim().TrimEnd('.');
        var stem = Path.GetFileNameWithoutExtension(cleaned);
        if (stem.Length == 0 || cleaned.Length > 120 || cleaned.StartsWith('.') || cleaned.StartsWith('_') || cleaned.StartsWith("~$", StringComparison.Ordinal)
            || cleaned.EndsWith(DocumentPhrasings.Suffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return cleaned;
    }

    private PendingUpload Preview(PendingUpload upload, string content)
    {
        DocumentSectionsResult result;
        if (Path.GetExtension(upload.FileName).Equals(".md", StringComparison.OrdinalIgnoreCase))
        {
            var text = File.ReadAllText(content, new UTF8Encoding(false, throwOnInvalidBytes: true));
            result = new DocumentSectionsResult(upload.FileName, KnowledgeParser.Parse(upload.FileName, text), [], "Markdown", 0);
        }
        else
        {
            using var stream = File.OpenRead(content);
            result = KnowledgeDocuments.Load(upload.FileName, stream);
        }

        var problems = result.Problems.Select(p => p.ToString()).ToList();
        var current = knowledge.Current;
        foreach (var section in result.Sections)
        {
            if (current.Find(section.Id) is { } other && other.Section.FileName != upload.FileName)
            {
                problems.Add($"section id '{section.Id}' is already used by {other.Section.FileName}: this file would not be loaded");
                break;
            }
        }

        return upload with
        {
            SectionCount = result.Sections.Count,
            PageCount = result.PageCount,
            HeadingSource = result.HeadingSource,
            FirstSections = [.. result.Sections.Take(PreviewSections).Select(s => new UploadSection(s.Title, s.Page, s.Level))],
            Problems = problems,
        };
    }

    private async Task<(long Bytes, string? Error, bool TooLarge)> DownloadAsync(Uri url, string path, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.DownloadTimeout);
        try
        {
            var client = http.CreateClient(HttpClientName);
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return (0, $"HTTP {(int)response.StatusCode}", false);
            }

            if (response.Content.Headers.ContentLength > options.MaxBytes)
            {
                return (0, "too large", true);
            }

            await using var source = await response.Content.ReadAsStreamAsync(timeout.Token);
            await using var target = File.Create(path);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, timeout.Token)) > 0)
            {
                total += read;
                if (total > options.MaxBytes)
                {
                    // Stop reading at the limit: a server that sends more (or lies about the length) costs no more than this.
                    return (total, "too large", true);
                }

                await target.WriteAsync(buffer.AsMemory(0, read), timeout.Token);
            }

            return (total, null, false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Knowledge upload download from {Host} timed out after {Timeout}", url.Host, options.DownloadTimeout);
            return (0, "timeout", false);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "Knowledge upload download from {Host} failed", url.Host);
            return (0, ex.StatusCode is { } status ? $"HTTP {(int)status}" : "connection", false);
        }
    }
}
