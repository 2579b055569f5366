using KyodoBot.Core.Dialogs.Parsing;

namespace KyodoBot.Tests.Dialogs;

public sealed class DateParserTests
{
    [Theory]
    [InlineData("2027-04-01", "2027-04-01")]
    [InlineData("2027/4/1", "2027-04-01")]
    [InlineData("2027.4.1", "2027-04-01")]
    [InlineData("20270401", "2027-04-01")]
    [InlineData("2027年4月1日", "2027-04-01")]
    [InlineData("2027年 4月 1日", "2027-04-01")]
    [InlineData("２０２７年４月１日", "2027-04-01")]
    [InlineData("２０２７－０４－０１", "2027-04-01")]
    [InlineData("2027年4月1日(木)", "2027-04-01")]
    [InlineData("2027年4月1日（木）", "2027-04-01")]
    [InlineData("2027-04-01 (Thu)", "2027-04-01")]
    [InlineData("令和9年4月1日", "2027-04-01")]
    [InlineData("令和９年４月１日", "2027-04-01")]
    [InlineData("令和元年5月1日", "2019-05-01")]
    [InlineData("令和1年12月31日", "2019-12-31")]
    [InlineData("R9.4.1", "2027-04-01")]
    [InlineData("r9/4/1", "2027-04-01")]
    [InlineData("Ｒ９．４．１", "2027-04-01")]
    [InlineData("2028年2月29日", "2028-02-29")]
    public void Parse_AcceptsCommonJapaneseAndIsoForms(string input, string expected)
    {
        Assert.Equal(DateParseError.None, JapaneseDateParser.Parse(input, out var date));
        Assert.Equal(expected, JapaneseDateParser.ToCanonical(date));
    }

    [Theory]
    [InlineData("来週", DateParseError.Format)]
    [InlineData("4月1日", DateParseError.Format)]
    [InlineData("2027", DateParseError.Format)]
    [InlineData("", DateParseError.Format)]
    [InlineData("2027-13-01", DateParseError.NoSuchDate)]
    [InlineData("2027年2月29日", DateParseError.NoSuchDate)]
    [InlineData("2027/4/31", DateParseError.NoSuchDate)]
    [InlineData("令和元年4月1日", DateParseError.BeforeEra)]
    [InlineData("平成31年4月1日", DateParseError.Format)]
    public void Parse_RefusesWhatIsNotAFullDate(string input, DateParseError expected) =>
        Assert.Equal(expected, JapaneseDateParser.Parse(input, out _));
}

public sealed class YenParserTests
{
    [Theory]
    [InlineData("1200000", 1_200_000)]
    [InlineData("1,200,000", 1_200_000)]
    [InlineData("¥1,200,000", 1_200_000)]
    [InlineData("￥１，２００，０００", 1_200_000)]
    [InlineData("1200000円", 1_200_000)]
    [InlineData("１２００００００円", 12_000_000)]
    [InlineData("120万円", 1_200_000)]
    [InlineData("120万", 1_200_000)]
    [InlineData("１２０万円", 1_200_000)]
    [InlineData("1.5万円", 15_000)]
    [InlineData("1億2000万円", 120_000_000)]
    [InlineData("1億2,000万円", 120_000_000)]
    [InlineData("3億", 300_000_000)]
    [InlineData("1万2345円", 12_345)]
    [InlineData("3千円", 3_000)]
    [InlineData("金120万円", 1_200_000)]
    [InlineData("120 万円", 1_200_000)]
    [InlineData("0", 0)]
    public void Parse_AcceptsDigitsSeparatorsAndJapaneseUnits(string input, long expected)
    {
        Assert.Equal(YenParseError.None, YenParser.Parse(input, out var yen));
        Assert.Equal(expected, yen);
    }

    [Theory]
    [InlineData("たくさん", YenParseError.Format)]
    [InlineData("1,2", YenParseError.Format)]
    [InlineData("12,00,000", YenParseError.Format)]
    [InlineData("1万20000円", YenParseError.Format)]
    [InlineData("百万円", YenParseError.Format)]
    [InlineData("-5000", YenParseError.Negative)]
    [InlineData("マイナス5000円", YenParseError.Negative)]
    [InlineData("1200.5円", YenParseError.Fraction)]
    [InlineData("1.23456万円", YenParseError.Fraction)]
    [InlineData("99999999999999999999億", YenParseError.TooLarge)]
    public void Parse_RefusesAmbiguousOrImpossibleAmounts(string input, YenParseError expected) =>
        Assert.Equal(expected, YenParser.Parse(input, out _));
}

public sealed class ContactParserTests
{
    [Theory]
    [InlineData("yamada@example.jp", "yamada@example.jp")]
    [InlineData("Yamada.Hanako@Example.JP", "Yamada.Hanako@example.jp")]
    [InlineData("ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ", "yamada@example.jp")]
    [InlineData("mailto:kyodo+npo@city.midorino.lg.jp", "kyodo+npo@city.midorino.lg.jp")]
    [InlineData(" <kyodo@example.jp> ", "kyodo@example.jp")]
    public void Email_Valid_IsCanonicalised(string input, string expected)
    {
        Assert.True(EmailAddressParser.TryParse(input, out var email));
        Assert.Equal(expected, email);
    }

    [Theory]
    [InlineData("yamada")]
    [InlineData("yamada@")]
    [InlineData("yamada@example")]
    [InlineData("yamada..hanako@example.jp")]
    [InlineData(".yamada@example.jp")]
    [InlineData("山田@example.jp")]
    [InlineData("yamada@example.jp（事務局）")]
    [InlineData("a b@example.jp")]
    public void Email_Invalid_IsRefused(string input) => Assert.False(EmailAddressParser.TryParse(input, out _));

    [Theory]
    [InlineData("03-1234-5678", "03-1234-5678")]
    [InlineData("０３－１２３４－５６７８", "03-1234-5678")]
    [InlineData("03ー1234ー5678", "03-1234-5678")]
    [InlineData("03(1234)5678", "03-1234-5678")]
    [InlineData("(03)1234-5678", "03-1234-5678")]
    [InlineData("03 1234 5678", "03-1234-5678")]
    [InlineData("0312345678", "0312345678")]
    [InlineData("0465-12-3456", "0465-12-3456")]
    [InlineData("090-1234-5678", "090-1234-5678")]
    [InlineData("09012345678", "090-1234-5678")]
    [InlineData("０９０１２３４５６７８", "090-1234-5678")]
    [InlineData("050-1234-5678", "050-1234-5678")]
    [InlineData("0120123456", "0120-123-456")]
    [InlineData("08001234567", "0800-123-4567")]
    [InlineData("+81 90-1234-5678", "090-1234-5678")]
    [InlineData("+81-3-1234-5678", "03-1234-5678")]
    [InlineData("TEL:03-1234-5678", "03-1234-5678")]
    public void Phone_JapaneseNumbers_AreAccepted(string input, string expected)
    {
        Assert.True(PhoneNumberParser.TryParse(input, out var phone));
        Assert.Equal(expected, phone);
    }

    [Theory]
    [InlineData("1234-5678")]
    [InlineData("090-1234-567")]
    [InlineData("0312345")]
    [InlineData("031234567890")]
    [InlineData("0901234567")]
    [InlineData("00-1234-5678")]
    [InlineData("03-1234-5678 内線12")]
    [InlineData("でんわ")]
    [InlineData("")]
    public void Phone_Invalid_IsRefused(string input) => Assert.False(PhoneNumberParser.TryParse(input, out _));
}

public sealed class YesNoAndChoiceParserTests
{
    [Theory]
    [InlineData("はい", true, "")]
    [InlineData("ハイ", true, "")]
    [InlineData("yes", true, "")]
    [InlineData("YES", true, "")]
    [InlineData("ｙｅｓ", true, "")]
    [InlineData("y", true, "")]
    [InlineData("OK", true, "")]
    [InlineData("✓", true, "")]
    [InlineData("○", true, "")]
    [InlineData("あり", true, "")]
    [InlineData("いいえ", false, "")]
    [InlineData("no", false, "")]
    [InlineData("N", false, "")]
    [InlineData("×", false, "")]
    [InlineData("なし", false, "")]
    [InlineData("はい、月1回の定例会で確認しています", true, "月1回の定例会で確認しています")]
    [InlineData("はい 確認済み", true, "確認済み")]
    [InlineData("はい確認済みです", true, "確認済みです")]
    [InlineData("いいえ。まだ話し合っていません", false, "まだ話し合っていません")]
    [InlineData("yes, we meet monthly", true, "we meet monthly")]
    [InlineData("はい\n1行目\n2行目", true, "1行目\n2行目")]
    public void YesNo_ReadsTheWordAndKeepsTheRest(string input, bool yes, string rest)
    {
        Assert.True(YesNoParser.TryParse(input, out var parsedYes, out var parsedRest));
        Assert.Equal(yes, parsedYes);
        Assert.Equal(rest, parsedRest);
    }

    [Theory]
    [InlineData("有償です")]
    [InlineData("not sure")]
    [InlineData("nothing")]
    [InlineData("yesterday")]
    [InlineData("たぶん")]
    [InlineData("")]
    public void YesNo_OtherWords_AreNotYesOrNo(string input) => Assert.False(YesNoParser.TryParse(input, out _, out _));

    private static readonly KyodoBot.Core.Dialogs.ChoiceOption[] OrgTypes =
    [
        new("npo", new("NPO法人", "NPO")),
        new("volunteer", new("ボランティア団体", "Volunteer group")),
        new("community", new("地域団体", "Community association")),
        new("other", new("その他", "Other")),
    ];

    [Theory]
    [InlineData("NPO法人", "npo")]
    [InlineData("ＮＰＯ法人", "npo")]
    [InlineData("npo", "npo")]
    [InlineData("Volunteer group", "volunteer")]
    [InlineData("community", "community")]
    [InlineData("1", "npo")]
    [InlineData("１", "npo")]
    [InlineData("2.", "volunteer")]
    [InlineData("①", "npo")]
    [InlineData("③", "community")]
    [InlineData("3番", "community")]
    [InlineData("ボランティア", "volunteer")]
    [InlineData("NPO法人です", "npo")]
    [InlineData("「その他」", "other")]
    public void Choice_ByLabelValueNumberOrUniquePart(string input, string expected) =>
        Assert.Equal(expected, KyodoBot.Core.Dialogs.Parsing.ChoiceMatcher.Match(OrgTypes, input)?.Value);

    [Theory]
    [InlineData("5")]
    [InlineData("0")]
    [InlineData("団体")]
    [InlineData("企業")]
    [InlineData("")]
    public void Choice_OutOfRangeAmbiguousOrUnknown_IsNoMatch(string input) =>
        Assert.Null(KyodoBot.Core.Dialogs.Parsing.ChoiceMatcher.Match(OrgTypes, input));

    [Fact]
    public void Multiline_KeepsLineBreaks_NormalisesEachLine_AndTrimsBlankRuns() =>
        Assert.Equal("1行目\n\nABC\n3行目", FreeText.Multiline("\r\n１行目\r\n\r\n\r\nＡＢＣ  \n3行目\n\n"));

    [Fact]
    public void Multiline_FullWidthIsFolded() => Assert.Equal("ABC 123\nあいう", FreeText.Multiline("ＡＢＣ　１２３\nあいう"));

    [Theory]
    [InlineData("公開の原則とは？", false, true)]
    [InlineData("公開の原則とは？", true, true)]
    [InlineData("What does disclosure mean?", true, true)]
    [InlineData("評価スケジュールについて教えてください", true, true)]
    [InlineData("高齢者の孤立をどう防ぐか？", true, false)]
    [InlineData("高齢者の孤立をどう防ぐか？", false, true)]
    [InlineData("2027年4月1日", false, false)]
    [InlineData("市民活動推進課", true, false)]
    public void QuestionDetector_IsStricterForFreeTextFields(string text, bool anyTextIsAnAnswer, bool expected) =>
        Assert.Equal(expected, QuestionDetector.LooksLikeQuestion(text, anyTextIsAnAnswer));
}
