using KyodoBot.Core.Conversations;
using KyodoBot.Core.Dialogs.Parsing;

namespace KyodoBot.Core.Dialogs;

/// <summary>
/// Checks answers outside the one-field-at-a-time flow: a whole form (card mode, and again before 送信), a comment
/// sent in its own card input, and why a required field must be answered.
/// </summary>
internal sealed class DialogForms(DialogTexts texts, FieldValidator validator)
{
    private readonly DialogTexts _texts = texts;
    private readonly FieldValidator _validator = validator;

    /// <summary>
    /// Checks a whole form (card mode) on the server: every visible field, in order, with the same parsers and rules
    /// as the chat. <paramref name="values"/> are raw inputs by field id (and <c>&lt;id&gt;.comment</c>); canonical
    /// values are accepted too, so stored answers can be checked again before submitting.
    /// </summary>
    public FormValidation ValidateAll(DialogDefinition definition, IReadOnlyDictionary<string, string> values, Language language, DialogContext context)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(values);
        var turn = new DialogTurn(definition, language, context);
        var canonical = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in definition.Fields)
        {
            if (!definition.IsVisible(field, canonical))
            {
                continue;
            }

            var check = _validator.Check(definition, field, values.GetValueOrDefault(field.Id), canonical, context, language);
            if (check.Answer is { } answer)
            {
                var comment = CardComment(field, values.GetValueOrDefault(DialogSession.CommentKey(field.Id)), language, out var commentError) ?? answer.Comment;
                if (commentError is not null)
                {
                    errors[field.Id] = commentError;
                    continue;
                }

                canonical[field.Id] = answer.Value;
                if (comment is not null)
                {
                    canonical[DialogSession.CommentKey(field.Id)] = comment;
                }
            }
            else if (check.Error is not null)
            {
                errors[field.Id] = check.Error;
            }
            else if (DialogDefinition.IsRequired(field, canonical))
            {
                errors[field.Id] = RequiredMessage(turn, field, canonical);
            }
        }

        return new FormValidation(canonical, errors);
    }

    /// <summary>Why a required field must be answered: the definition's reason (the ☆ rule), or "one of the two".</summary>
    internal string RequiredMessage(DialogTurn turn, FieldDefinition field, IReadOnlyDictionary<string, string> answers)
    {
        var language = turn.Language;
        if (field.RequiredReason is { } reason)
        {
            return reason.Get(language);
        }

        return !field.Required && field.RequiredUnless is { } other && turn.Definition.Field(other) is { } otherField
            ? T(language, "required.unless", otherField.Label.Get(language), field.Label.Get(language))
            : T(language, "required.plain");
    }

    /// <summary>A comment sent in its own card input; null when none. Too long → <paramref name="error"/>.</summary>
    internal string? CardComment(FieldDefinition field, string? raw, Language language, out string? error)
    {
        error = null;
        if (!field.Comment || string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var comment = FreeText.Multiline(raw);
        var length = FreeText.Length(comment);
        if (length > FieldValidator.CommentMaxLength)
        {
            error = T(language, "error.comment.tooLong", FieldValidator.CommentMaxLength, length);
            return null;
        }

        return comment.Length == 0 ? null : comment;
    }

    private string T(Language language, string key, params object?[] args) => _texts.Get(language, key, args);
}
