using System.Text;
using System.Threading.Channels;
using KyodoBot.Core.Storage;
using KyodoBot.Core.Text;
using Microsoft.EntityFrameworkCore;

namespace KyodoBot.Core.Ask;

/// <summary>One line of the editors' list: a question (as last asked) that the manual could not answer, or whose answer got 👎.</summary>
public sealed record UnansweredQuestion(string Question, int UnansweredCount, int DownvoteCount, DateTimeOffset LastAsked, IReadOnlyList<string> Comments)
{
    /// <summary>The sections the askers opened from the buttons under the refusal (<see cref="QuestionPick"/>), most picked first.</summary>
    public IReadOnlyList<string> Picked { get; init; } = [];
}

/// <summary>
/// Records questions and their feedback, idempotently; lists what the manual does not answer well.
/// Questions are written by one background writer in batches (group commit): each caller still waits until its
/// question is committed before the answer goes out, so nothing is lost, but concurrent questions share one
/// transaction instead of queuing for SQLite's single write lock one by one.
/// </summary>
public sealed class QuestionLog(IDbContextFactory<KyodoDbContext> contexts, TimeProvider time) : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _startLock = new();
    private Task? _writer;

    /// <summary>Stores the question; the same activity delivered twice returns the first record.</summary>
    public Task<QuestionRecord> RecordAsync(QuestionRecord record, CancellationToken cancellationToken)
    {
        record.AskedAt = time.GetUtcNow();
        record.QuestionKey = KeyOf(record.Question);
        var pending = new Pending(record, new TaskCompletionSource<QuestionRecord>(TaskCreationOptions.RunContinuationsAsynchronously));
        EnsureWriter();
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(QuestionLog));
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private void EnsureWriter()
    {
        if (_writer is not null)
        {
            return;
        }

        lock (_startLock)
        {
            _writer ??= Task.Run(WriteLoopAsync);
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await WriteBatchAsync(batch);
            }
            catch (Exception ex)
            {
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }
            }
        }
    }

    /// <summary>
    /// One INSERT transaction for the batch. A redelivered activity (rare) makes the unique index refuse the batch;
    /// then each question is settled on its own, returning the record stored first.
    /// </summary>
    private async Task WriteBatchAsync(List<Pending> batch)
    {
        var unique = new Dictionary<string, QuestionRecord>(StringComparer.Ordinal);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            foreach (var pending in batch)
            {
                if (unique.TryAdd(pending.Record.ActivityId, pending.Record))
                {
                    db.Questions.Add(pending.Record);
                }
            }

            try
            {
                await db.SaveChangesAsync();
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetResult(unique[pending.Record.ActivityId]);
                }

                return;
            }
            catch (DbUpdateException)
            {
                foreach (var record in unique.Values)
                {
                    record.Id = 0;
                }
            }
        }

        foreach (var pending in batch)
        {
            pending.Completion.TrySetResult(await RecordOneAsync(unique[pending.Record.ActivityId]));
        }
    }

    private async Task<QuestionRecord> RecordOneAsync(QuestionRecord record)
    {
        await using var db = await contexts.CreateDbContextAsync();
        if (await db.Questions.AsNoTracking().FirstOrDefaultAsync(q => q.ActivityId == record.ActivityId) is { } existing)
        {
            return existing;
        }

        db.Questions.Add(record);
        try
        {
            await db.SaveChangesAsync();
            return record;
        }
        catch (DbUpdateException)
        {
            await using var again = await contexts.CreateDbContextAsync();
            return await again.Questions.AsNoTracking().FirstAsync(q => q.ActivityId == record.ActivityId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer;
        }
    }

    private sealed record Pending(QuestionRecord Record, TaskCompletionSource<QuestionRecord> Completion);

    public async Task<QuestionRecord?> FindAsync(long questionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Questions.AsNoTracking().FirstOrDefaultAsync(q => q.Id == questionId, cancellationToken);
    }

    /// <summary>The user's vote on the question (a new vote replaces theirs); null when the question is unknown.</summary>
    public async Task<AnswerFeedback?> VoteAsync(long questionId, string userId, Vote vote, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await db.Questions.AnyAsync(q => q.Id == questionId, cancellationToken))
            {
                return null;
            }

            var feedback = await db.Feedback.FirstOrDefaultAsync(f => f.QuestionId == questionId && f.UserId == userId, cancellationToken);
            if (feedback is null)
            {
                feedback = new AnswerFeedback { QuestionId = questionId, UserId = userId };
                db.Feedback.Add(feedback);
            }

            feedback.Vote = vote;
            feedback.At = time.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return feedback;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // A double click raced: the second attempt updates the row the first one inserted.
            }
        }
    }

    /// <summary>Adds a comment to the user's own feedback; false when it is not theirs or does not exist.</summary>
    public async Task<bool> CommentAsync(long feedbackId, string userId, string comment, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var feedback = await db.Feedback.FirstOrDefaultAsync(f => f.Id == feedbackId && f.UserId == userId, cancellationToken);
        if (feedback is null)
        {
            return false;
        }

        feedback.Comment = comment;
        feedback.At = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Unanswered and 👎 questions since <paramref name="since"/>, most frequent first.</summary>
    public async Task<IReadOnlyList<UnansweredQuestion>> UnansweredAsync(DateTimeOffset? since, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var questions = db.Questions.AsNoTracking();
        if (since is { } from)
        {
            questions = questions.Where(q => q.AskedAt >= from);
        }

        var unanswered = await questions
            .Where(q => !q.Answered)
            .GroupBy(q => q.QuestionKey)
            .Select(g => new { Key = g.Key, Count = g.Count(), Last = g.Max(q => q.AskedAt), Question = g.Max(q => q.Question) })
            .ToListAsync(cancellationToken);
        var downvoted = await questions
            .SelectMany(q => q.Feedback.Where(f => f.Vote == Vote.Down), (q, f) => new { q.QuestionKey, q.Question, q.AskedAt, f.Comment })
            .ToListAsync(cancellationToken);

        var picks = await questions
            .Where(q => !q.Answered)
            .Join(db.QuestionPicks, q => q.Id, p => p.QuestionId, (q, p) => new { q.QuestionKey, p.SectionId, p.PickedAt })
            .ToListAsync(cancellationToken);
        var picked = picks.GroupBy(p => p.QuestionKey, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => (IReadOnlyList<string>)[.. g.GroupBy(p => p.SectionId, StringComparer.Ordinal)
                .OrderByDescending(s => s.Count()).ThenByDescending(s => s.Max(p => p.PickedAt)).Select(s => s.Key)], StringComparer.Ordinal);

        var decisions = await db.QuestionDecisions.AsNoTracking()
            .Select(d => new { d.QuestionKey, d.Kind, d.DecidedAt })
            .ToDictionaryAsync(d => d.QuestionKey, StringComparer.Ordinal, cancellationToken);

        // A question the manual does not answer leaves the list for good; one added as a phrasing only with what was
        // asked before (refused or 👎 again afterwards, the phrasing did not help).
        bool Decided(string key, DateTimeOffset last) =>
            decisions.TryGetValue(key, out var d) && (d.Kind == DecisionKind.NotInManual || last <= d.DecidedAt);

        var lines = new Dictionary<string, UnansweredQuestion>(StringComparer.Ordinal);
        foreach (var u in unanswered)
        {
            lines[u.Key] = new UnansweredQuestion(u.Question ?? u.Key, u.Count, 0, u.Last, []) { Picked = picked.GetValueOrDefault(u.Key) ?? [] };
        }

        foreach (var group in downvoted.GroupBy(d => d.QuestionKey))
        {
            var comments = group.Select(d => d.Comment).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!).ToList();
            var last = group.Max(d => d.AskedAt);
            lines[group.Key] = lines.TryGetValue(group.Key, out var line)
                ? line with { DownvoteCount = group.Count(), Comments = comments, LastAsked = last > line.LastAsked ? last : line.LastAsked }
                : new UnansweredQuestion(group.First().Question, 0, group.Count(), last, comments);
        }

        return lines
            .Where(l => !Decided(l.Key, l.Value.LastAsked))
            .Select(l => l.Value)
            .OrderByDescending(l => l.UnansweredCount + l.DownvoteCount)
            .ThenByDescending(l => l.LastAsked)
            .Take(limit)
            .ToList();
    }

    /// <summary>
    /// Who asked this question (same <see cref="KeyOf"/>) without getting an answer, or gave its answer a 👎: the
    /// people to tell when the manual learns to answer it. At most <paramref name="limit"/>, most recent first.
    /// </summary>
    public async Task<IReadOnlyList<string>> AskersAsync(string question, int limit, CancellationToken cancellationToken)
    {
        var key = KeyOf(question);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var unanswered = await db.Questions.AsNoTracking()
            .Where(q => q.QuestionKey == key && !q.Answered)
            .OrderByDescending(q => q.Id)
            .Select(q => q.UserId)
            .Take(limit)
            .ToListAsync(cancellationToken);
        var downvoters = await db.Feedback.AsNoTracking()
            .Where(f => f.Vote == Vote.Down && f.QuestionRecord!.QuestionKey == key)
            .OrderByDescending(f => f.Id)
            .Select(f => f.UserId)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. unanswered.Concat(downvoters).Distinct(StringComparer.Ordinal).Take(limit)];
    }

    /// <summary>
    /// Records that the asker of an unanswered question opened <paramref name="sectionId"/> from the buttons under its
    /// refusal. Only the asker's own click counts (the card's activity id is client input): false when the question is
    /// unknown, was answered, or was asked by someone else. A second click of the same section stores nothing more.
    /// </summary>
    public async Task<bool> PickAsync(string activityId, string userId, string sectionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await OwnUnansweredAsync(db, activityId, userId, cancellationToken) is not { } questionId)
        {
            return false;
        }

        if (await db.QuestionPicks.AnyAsync(p => p.QuestionId == questionId && p.SectionId == sectionId, cancellationToken))
        {
            return true;
        }

        db.QuestionPicks.Add(new QuestionPick { QuestionId = questionId, SectionId = sectionId, PickedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A double click raced on the unique key: the first one stored it.
        }

        return true;
    }

    /// <summary>
    /// True when <paramref name="activityId"/> asked a question that the manual did not answer and that
    /// <paramref name="userId"/> asked: the check every button under a refusal makes before it acts for the asker (the
    /// card's activity id is client input).
    /// </summary>
    public async Task<bool> IsOwnUnansweredAsync(string activityId, string userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await OwnUnansweredAsync(db, activityId, userId, cancellationToken) is not null;
    }

    private static async Task<long?> OwnUnansweredAsync(KyodoDbContext db, string activityId, string userId, CancellationToken cancellationToken)
    {
        var question = await db.Questions.AsNoTracking()
            .Where(q => q.ActivityId == activityId)
            .Select(q => new { q.Id, q.UserId, q.Answered })
            .FirstOrDefaultAsync(cancellationToken);
        return question is null || question.Answered || question.UserId != userId ? null : question.Id;
    }

    /// <summary>
    /// Records an editor's decision on the question (<see cref="KeyOf"/>): it leaves <see cref="UnansweredAsync"/>.
    /// Deciding again replaces the decision (a second press of the same button changes nothing but the time).
    /// </summary>
    public async Task DecideAsync(string question, DecisionKind kind, string? sectionId, string decidedBy, CancellationToken cancellationToken)
    {
        var key = KeyOf(question);
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var decision = await db.QuestionDecisions.FirstOrDefaultAsync(d => d.QuestionKey == key, cancellationToken);
            if (decision is null)
            {
                decision = new QuestionDecision { QuestionKey = key, DecidedBy = decidedBy };
                db.QuestionDecisions.Add(decision);
            }

            decision.Kind = kind;
            decision.SectionId = sectionId;
            decision.DecidedBy = decidedBy.Length > 512 ? decidedBy[..512] : decidedBy;
            decision.DecidedAt = time.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Two presses raced on the unique key: the second attempt updates the row the first one inserted.
            }
        }
    }

    /// <summary>Questions are stored (and searched) with at most 1,000 characters.</summary>
    public static string Clip(string question) => question.Length > 1000 ? question[..1000] : question;

    /// <summary>Same question, different punctuation, spacing, width or case → same key.</summary>
    public static string KeyOf(string question)
    {
        var normalized = TextNormalizer.Key(question);
        var key = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (char.IsLetterOrDigit(c))
            {
                key.Append(c);
            }
        }

        return key.Length > 1000 ? key.ToString(0, 1000) : key.ToString();
    }
}
