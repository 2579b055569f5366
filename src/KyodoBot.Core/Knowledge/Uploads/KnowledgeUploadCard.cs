using System.Globalization;
using System.Text.Json.Nodes;
using KyodoBot.Core.Cards;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Localization;
using KyodoBot.Core.Proposals;
using KyodoBot.Core.Text;

namespace KyodoBot.Core.Knowledge.Uploads;

/// <summary>
/// The preview of an uploaded file: name, size, sections found (the first few with their pages), problems, whether
/// it replaces a file of the same name; 公開する / 取り消す while pending, the outcome without buttons once decided.
/// </summary>
public static class KnowledgeUploadCard
{
    public const string PublishVerb = "knowledge.upload.publish";
    public const string CancelVerb = "knowledge.upload.cancel";

    public static string Render(PendingUpload upload, Texts texts, Language language)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        var body = new JsonArray
        {
            TextBlock(T("upload.heading"), weight: "Bolder", size: "Medium"),
            new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray(
                    Fact(T("upload.file"), Markdown.Escape(upload.FileName)),
                    Fact(T("upload.size"), T("upload.sizeValue", Math.Round(upload.Bytes / 1024.0, 1).ToString("0.#", CultureInfo.InvariantCulture))),
                    Fact(T("upload.sections"), T("upload.sectionsValue", upload.SectionCount, upload.HeadingSource)),
                    Fact(T("upload.uploadedBy"), Markdown.Escape(upload.UploaderName ?? upload.UploadedBy))),
            },
            TextBlock(T("upload.firstSections"), weight: "Bolder"),
        };
        AddSectionsAndProblems(body, upload, texts, language);
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
        AddStateOrActions(card, body, upload, texts, language);
        return card.ToJsonString();
    }

    /// <summary>The first sections with their pages, how many more, and the problems the reader found.</summary>
    private static void AddSectionsAndProblems(JsonArray body, PendingUpload upload, Texts texts, Language language)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        foreach (var section in upload.FirstSections)
        {
            var indent = new string('　', Math.Max(0, section.Level - 1));
            body.Add(TextBlock(section.Page is { } page ? $"{indent}・{Markdown.Escape(section.Title)}（{T("upload.page", page)}）" : $"{indent}・{Markdown.Escape(section.Title)}", spacing: "None"));
        }

        if (upload.SectionCount > upload.FirstSections.Count)
        {
            body.Add(TextBlock(T("upload.moreSections", upload.SectionCount - upload.FirstSections.Count), spacing: "None", subtle: true));
        }

        body.Add(TextBlock(T("upload.problems"), weight: "Bolder"));
        if (upload.Problems.Count == 0)
        {
            body.Add(TextBlock(T("upload.noProblems"), spacing: "None"));
        }

        foreach (var problem in upload.Problems.Take(10))
        {
            body.Add(TextBlock("・" + Markdown.Escape(problem), spacing: "None", color: "Warning"));
        }

        if (upload.Replaces && upload.State == UploadState.Pending)
        {
            body.Add(TextBlock(T("upload.replaces", Markdown.Escape(upload.FileName)), color: "Attention", weight: "Bolder"));
        }
    }

    /// <summary>公開する / 取り消す while pending; afterwards who decided and when, with no buttons.</summary>
    private static void AddStateOrActions(JsonObject card, JsonArray body, PendingUpload upload, Texts texts, Language language)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        if (upload.State == UploadState.Pending)
        {
            body.Add(TextBlock(T("upload.explanation"), subtle: true));
            card["actions"] = new JsonArray(
                Action(T("upload.publish"), PublishVerb, upload.Id, language, "positive"),
                Action(T("upload.cancel"), CancelVerb, upload.Id, language, "default"));
        }
        else
        {
            var when = upload.DecidedAt is { } at ? CardDates.DateTime(at, FiscalYear.Tokyo, language) : "";
            var state = upload.State switch
            {
                UploadState.Published => "upload.publishedState",
                UploadState.Expired => "upload.expiredState",
                _ => "upload.cancelledState",
            };
            body.Add(TextBlock(T(state, Markdown.Escape(upload.DecidedBy ?? ""), when),
                weight: "Bolder", color: upload.State == UploadState.Published ? "Good" : "Default"));
        }
    }

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    private static JsonObject Action(string title, string verb, string id, Language language, string style) => new()
    {
        ["type"] = "Action.Execute",
        ["title"] = title,
        ["verb"] = verb,
        ["style"] = style,
        ["data"] = new JsonObject { ["uploadId"] = id, ["lang"] = CardLanguage.Code(language) },
    };

    private static JsonObject TextBlock(string text, string? weight = null, string? size = null, string? spacing = null, string? color = null, bool subtle = false)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (weight is not null) block["weight"] = weight;
        if (size is not null) block["size"] = size;
        if (spacing is not null) block["spacing"] = spacing;
        if (color is not null) block["color"] = color;
        if (subtle) block["isSubtle"] = true;
        return block;
    }
}

/// <summary>公開する / 取り消す on the preview card; the card data carries only the upload id (validated by the store).</summary>
public sealed class KnowledgeUploadAction(string verb, KnowledgeUploads uploads) : ICardExecute
{
    public string Verb => verb;

    public Task<CardExecuteResult> ExecuteAsync(IncomingTurn turn, System.Text.Json.JsonElement data, CancellationToken cancellationToken) =>
        uploads.DecideAsync(turn, CardData.String(data, "uploadId"), verb == KnowledgeUploadCard.PublishVerb, cancellationToken);
}
