import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { notFound } from '../../errors';
import { Movement } from '../movements/movement.type';
import { MovementsService, toMovement } from '../movements/movements.service';
import { QuizAttemptService } from './attempts.service';
import { QuestionBankService } from './question-bank.service';
import { QuizAnswerInput } from './quiz.input';
import { QuestionImportResult, Quiz, QuizAttempt, QuizQuestion, QuizQuestionResult } from './quiz.type';
import { attemptPoints, attemptQuestions, explanations, myStats, quizById, toQuiz, toQuizAttempt, visibleQuizzes } from './quizzes.service';
import type { AttemptRow } from './quizzes.queries';

async function attemptOut(ctx: Context, row: AttemptRow): Promise<QuizAttempt> {
  const quiz = await quizById(ctx, row.quizId);
  return toQuizAttempt(row, { timeLimitSeconds: quiz?.timeLimitSeconds ?? null });
}

@Resolver(() => Quiz)
export class QuizzesResolver {
  @Query(() => [Quiz], { description: 'Các bài kiểm tra: của một phong trào, hoặc của mọi phong trào đang diễn ra/đã kết thúc (bài kiểm tra cốt lõi trước).' })
  async quizzes(@Ctx() ctx: Context, @Arg('movementId', () => ID, { nullable: true }) movementId?: string | null): Promise<Quiz[]> {
    return (await visibleQuizzes(ctx, movementId)).map(toQuiz);
  }

  @Query(() => QuizAttempt, { nullable: true, description: 'Một lượt làm bài của chính bạn (null nếu không phải của bạn).' })
  async quizAttempt(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<QuizAttempt | null> {
    const row = await new QuizAttemptService(ctx).own(id);
    return row ? attemptOut(ctx, row) : null;
  }

  @Query(() => [QuizAttempt], { description: 'Các lượt làm bài của chính bạn, mới nhất trước.' })
  async myQuizAttempts(
    @Ctx() ctx: Context,
    @Arg('quizId', () => ID, { nullable: true, description: 'Chỉ các lượt của bài kiểm tra này.' }) quizId?: string | null,
    @Arg('first', () => Int, { defaultValue: 20, description: 'Số lượt tối đa (1–100).' }) first = 20,
  ): Promise<QuizAttempt[]> {
    const rows = await new QuizAttemptService(ctx).listOwn(quizId ?? null, first);
    return Promise.all(rows.map((r) => attemptOut(ctx, r)));
  }

  @Mutation(() => QuizAttempt, {
    description: 'Bắt đầu một lượt làm bài: rút ngẫu nhiên câu hỏi, xáo trộn phương án (không kèm đáp án). Nếu đang có lượt chưa nộp thì trả lại lượt đó.',
  })
  async startQuizAttempt(@Ctx() ctx: Context, @Arg('quizId', () => ID) quizId: string): Promise<QuizAttempt> {
    return attemptOut(ctx, await new QuizAttemptService(ctx).start(quizId));
  }

  @Mutation(() => QuizAttempt, { description: 'Nộp bài: chấm trên máy chủ; bài đã nộp không thay đổi được. Bài đạt cộng điểm cho đơn vị của người làm (chỉ phần vượt lượt đạt trước).' })
  async submitQuizAttempt(
    @Ctx() ctx: Context,
    @Arg('attemptId', () => ID) attemptId: string,
    @Arg('answers', () => [QuizAnswerInput]) answers: QuizAnswerInput[],
  ): Promise<QuizAttempt> {
    return attemptOut(ctx, await new QuizAttemptService(ctx).submit(attemptId, answers));
  }

  @Mutation(() => QuestionImportResult, {
    description: 'Nhập ngân hàng câu hỏi từ CSV (cột: code, topic, multiple_choice, question, option_1..option_6, correct, explanation). Mặc định chạy thử; chỉ ghi khi dryRun là false và tệp không có lỗi.',
  })
  importQuestions(
    @Ctx() ctx: Context,
    @Arg('csv', () => String) csv: string,
    @Arg('dryRun', () => Boolean, { nullable: true, defaultValue: true, description: 'true (mặc định): chỉ kiểm tra, không ghi.' }) dryRun: boolean | null,
  ): Promise<QuestionImportResult> {
    return new QuestionBankService(ctx).importCsv(csv, dryRun !== false);
  }

  @FieldResolver(() => Movement, { nullable: true, description: 'Phong trào của bài kiểm tra (null: bài kiểm tra dùng chung).' })
  async movement(@Root() quiz: Quiz, @Ctx() ctx: Context): Promise<Movement | null> {
    if (!quiz.movementId) return null;
    const row = await new MovementsService(ctx).get(quiz.movementId);
    return row ? toMovement(row) : null;
  }

  @FieldResolver(() => Int, { description: 'Số lượt bạn đã làm (gồm lượt đang làm); 0 khi chưa đăng nhập.' })
  async attemptsUsed(@Root() quiz: Quiz, @Ctx() ctx: Context): Promise<number> {
    return (await myStats(ctx, quiz.id)).used;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Số lượt bạn còn được làm; null: không giới hạn.' })
  async attemptsLeft(@Root() quiz: Quiz, @Ctx() ctx: Context): Promise<number | null> {
    if (quiz.maxAttempts == null) return null;
    return Math.max(0, quiz.maxAttempts - (await myStats(ctx, quiz.id)).used);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Điểm cao nhất của bạn ở bài này; null khi chưa nộp lượt nào.' })
  async bestScore(@Root() quiz: Quiz, @Ctx() ctx: Context): Promise<number | null> {
    return (await myStats(ctx, quiz.id)).best;
  }

  @FieldResolver(() => Boolean, { description: 'Bạn đã có lượt đạt ở bài này.' })
  async passed(@Root() quiz: Quiz, @Ctx() ctx: Context): Promise<boolean> {
    return (await myStats(ctx, quiz.id)).passed;
  }
}

@Resolver(() => QuizAttempt)
export class QuizAttemptResolver {
  @FieldResolver(() => Quiz, { description: 'Bài kiểm tra.' })
  async quiz(@Root() attempt: QuizAttempt, @Ctx() ctx: Context): Promise<Quiz> {
    const row = await quizById(ctx, attempt.quizId);
    if (!row) throw notFound('bài kiểm tra');
    return toQuiz(row);
  }

  @FieldResolver(() => [QuizQuestion], { description: 'Các câu hỏi theo thứ tự đã rút, phương án đã xáo trộn; không kèm đáp án.' })
  questions(@Root() attempt: QuizAttempt, @Ctx() ctx: Context): Promise<QuizQuestion[]> {
    return attemptQuestions(ctx, attempt);
  }

  @FieldResolver(() => [QuizQuestionResult], { nullable: true, description: 'Đáp án, lựa chọn của bạn và giải thích từng câu: chỉ có sau khi nộp bài (null trước đó).' })
  async results(@Root() attempt: QuizAttempt, @Ctx() ctx: Context): Promise<QuizQuestionResult[] | null> {
    if (!attempt.submittedAt || !attempt.storedResults) return null;
    const texts = await explanations(ctx, attempt.storedResults.map((r) => r.questionId));
    return attempt.storedResults.map((r, i) => ({ ...r, explanation: texts[i] }));
  }

  @FieldResolver(() => Float, { description: 'Điểm thi đua lượt làm này mang lại cho đơn vị (0 nếu không đạt, không hơn lượt đạt trước, hoặc đơn vị không thuộc phong trào).' })
  pointsAwarded(@Root() attempt: QuizAttempt, @Ctx() ctx: Context): Promise<number> {
    if (!attempt.submittedAt) return Promise.resolve(0);
    return attemptPoints(ctx, attempt.id);
  }
}
