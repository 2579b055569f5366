using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using KyodoBot.Core.Conversations;
using KyodoBot.Core.Knowledge.Uploads;
using KyodoBot.Core.Localization;

namespace KyodoBot.Tests.Knowledge.Uploads;

/// <summary>
/// The preview card puts the uploader's file name, the document's headings and the decider's name into TextBlocks and
/// a FactSet, which Teams renders as Markdown: they are escaped, and the decision time is the city's local time.
/// </summary>
public sealed class KnowledgeUploadCardTests
{
    [Fact]
    public void TextFromTheFileAndThePeople_IsEscaped_AndTheDecisionTimeIsLocal()
    {
        var upload = new PendingUpload
        {
            Id = "u1",
            FileName = "協働*手引き*.docx",
            UploadedBy = "aad-1",
            UploaderName = "佐藤_健太_",
            SectionCount = 1,
            FirstSections = [new UploadSection("**はじめに**", 1, 1)],
            State = UploadState.Published,
            DecidedBy = "[山田](https://example.invalid)",
            DecidedAt = DateTimeOffset.Parse("2026-12-03T01:30:00Z", System.Globalization.CultureInfo.InvariantCulture),
        };

        var card = JsonNode.Parse(KnowledgeUploadCard.Render(upload, new Texts(), Language.Japanese))!
            .ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.DoesNotContain("協働*手引き*", card);
        Assert.DoesNotContain("**はじめに**", card);
        Assert.DoesNotContain("[山田](", card);
        Assert.Contains("2026年12月3日 10:30", card);
    }
}
