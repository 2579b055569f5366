using KyodoBot.Core.Hosting;
using KyodoBot.Core.Knowledge.Uploads;

namespace KyodoBot.Tests.Knowledge.Uploads;

public sealed class KnowledgeUploadRulesTests
{
    [Theory]
    [InlineData("協働の手引き.pdf", "協働の手引き.pdf")]
    [InlineData("../../etc/passwd.md", "passwd.md")]
    [InlineData("..\\..\\Windows\\手引き.docx", "手引き.docx")]
    [InlineData("/abs/path/guide.pdf", "guide.pdf")]
    [InlineData("a\u0000b.pdf", "ab.pdf")]
    [InlineData("what?.pdf", "what.pdf")]
    [InlineData("  spaced.md  ", "spaced.md")]
    public void SafeFileName_KeepsTheLastSegment_WithoutPathOrControlCharacters(string sent, string expected) =>
        Assert.Equal(expected, KnowledgeUploads.SafeFileName(sent));

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("../")]
    [InlineData(".hidden.md")]
    [InlineData("_draft.md")]
    [InlineData("~$手引き.docx")]
    [InlineData(".pdf")]
    [InlineData("手引き.pdf.questions.yaml")]
    public void SafeFileName_RefusesNamesTheLoaderWouldIgnoreOrThatHaveNoName(string sent) =>
        Assert.Null(KnowledgeUploads.SafeFileName(sent));

    [Fact]
    public void SafeFileName_RefusesOverlongNames() =>
        Assert.Null(KnowledgeUploads.SafeFileName(new string('あ', 130) + ".pdf"));

    [Fact]
    public void Options_DefaultTo20MegabytesAndAMinute()
    {
        var options = KnowledgeUploadOptions.Parse(null, null);
        Assert.Equal(20L * 1024 * 1024, options.MaxBytes);
        Assert.Equal(TimeSpan.FromSeconds(60), options.DownloadTimeout);
        Assert.Equal(1000, KnowledgeUploadOptions.Parse("1000", "5").MaxBytes);
        Assert.Equal(TimeSpan.FromDays(14), options.Expiry);
        Assert.Equal(TimeSpan.FromDays(30), options.Retention);
        Assert.Equal(TimeSpan.FromDays(7), KnowledgeUploadOptions.Parse(null, null, retentionDays: "7").Retention);
    }

    [Theory]
    [InlineData("20MB", null, "Knowledge:MaxUploadBytes")]
    [InlineData("0", null, "Knowledge:MaxUploadBytes")]
    [InlineData("-5", null, "Knowledge:MaxUploadBytes")]
    [InlineData("999999999999", null, "Knowledge:MaxUploadBytes")]
    [InlineData(null, "0", "Knowledge:UploadTimeoutSeconds")]
    [InlineData(null, "soon", "Knowledge:UploadTimeoutSeconds")]
    [InlineData(null, null, "Knowledge:UploadExpiryDays", "0")]
    [InlineData(null, null, "Knowledge:UploadExpiryDays", "a week")]
    [InlineData(null, null, "Knowledge:UploadRetentionDays", null, "-1")]
    [InlineData(null, null, "Knowledge:UploadRetentionDays", null, "99999")]
    public void Options_BadValue_NamesTheKey(string? maxBytes, string? timeout, string key, string? expiry = null, string? retention = null)
    {
        var error = Assert.Throws<KyodoConfigurationException>(() => KnowledgeUploadOptions.Parse(maxBytes, timeout, expiry, retention));
        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
    }
}
