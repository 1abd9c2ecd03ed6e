import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

/*
 * What a person taking a quiz sees. No type reachable before submission carries the right answer
 * or the explanation: the answer key exists only in `QuizQuestionResult`, which is filled in only
 * on a submitted attempt and only for its owner.
 */

@ObjectType({ description: 'Bài kiểm tra kỹ năng số: rút ngẫu nhiên N câu hỏi từ các chủ đề đã chọn, chấm điểm trên máy chủ.' })
export class Quiz {
  @Field(() => ID, { description: 'Mã bài kiểm tra.' }) id: string;
  @Field(() => String, { nullable: true, description: 'Mã ngắn, ví dụ CORE.' }) code: string | null;
  @Field(() => String, { description: 'Tên bài kiểm tra.' }) title: string;
  @Field(() => [String], { description: 'Chủ đề các câu hỏi được rút: VNEID, PUBLIC_SERVICES, CYBER_SAFETY, CASHLESS, E_HEALTH, AI_BASICS.' }) topics: string[];
  @Field(() => Int, { description: 'Số câu hỏi mỗi lượt làm.' }) questionCount: number;
  @Field(() => Float, { description: 'Điểm đạt (0–100): tỉ lệ phần trăm số câu trả lời đúng cần có.' }) passScore: number;
  @Field(() => Int, { nullable: true, description: 'Thời gian làm bài (giây); null: không giới hạn. Máy chủ nhận bài nộp muộn tối đa 30 giây.' }) timeLimitSeconds: number | null;
  @Field(() => Int, { nullable: true, description: 'Số lượt làm tối đa mỗi người; null: không giới hạn.' }) maxAttempts: number | null;
  @Field(() => Boolean, { description: 'Bài kiểm tra kỹ năng số cơ bản (tính cho danh hiệu Công dân số).' }) isCore: boolean;
  movementId: string | null;
}

@ObjectType({ description: 'Một phương án trả lời (không cho biết đúng hay sai).' })
export class QuizOption {
  @Field(() => ID, { description: 'Mã phương án.' }) id: string;
  @Field(() => String, { description: 'Nội dung phương án.' }) text: string;
}

@ObjectType({ description: 'Một câu hỏi trong lượt làm bài, với các phương án theo thứ tự đã xáo trộn; không bao giờ kèm đáp án.' })
export class QuizQuestion {
  @Field(() => ID, { description: 'Mã câu hỏi.' }) id: string;
  @Field(() => String, { description: 'Nội dung câu hỏi.' }) text: string;
  @Field(() => Boolean, { description: 'true: chọn tất cả phương án đúng (có thể nhiều); false: chọn một phương án.' }) multipleChoice: boolean;
  @Field(() => [QuizOption], { description: 'Các phương án, theo thứ tự hiển thị của lượt làm này.' }) options: QuizOption[];
}

@ObjectType({ description: 'Kết quả một câu hỏi của lượt làm đã nộp, kèm giải thích.' })
export class QuizQuestionResult {
  @Field(() => ID, { description: 'Mã câu hỏi.' }) questionId: string;
  @Field(() => [ID], { description: 'Các phương án đúng.' }) correctOptionIds: string[];
  @Field(() => [ID], { description: 'Các phương án người làm đã chọn.' }) chosenOptionIds: string[];
  @Field(() => Boolean, { description: 'Trả lời đúng: chọn đúng và đủ các phương án đúng.' }) correct: boolean;
  @Field(() => String, { nullable: true, description: 'Giải thích.' }) explanation: string | null;
}

@ObjectType({ description: 'Một lượt làm bài kiểm tra của chính người dùng.' })
export class QuizAttempt {
  @Field(() => ID, { description: 'Mã lượt làm.' }) id: string;
  @Field(() => Date, { description: 'Thời điểm bắt đầu.' }) startedAt: Date;
  @Field(() => Date, { nullable: true, description: 'Hạn nộp bài (null: không giới hạn thời gian).' }) expiresAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'Thời điểm nộp bài (null: chưa nộp).' }) submittedAt: Date | null;
  @Field(() => Float, { nullable: true, description: 'Điểm 0–100 (tỉ lệ câu đúng) sau khi nộp; null khi chưa nộp.' }) score: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Đạt hay không, sau khi nộp.' }) passed: boolean | null;
  @Field(() => Boolean, { description: 'Lượt làm bị đóng vì hết thời gian (chấm như nộp bài trống).' }) timedOut: boolean;
  quizId: string;
  drawn: { questionId: string; optionIds: string[] }[];
  storedResults: { questionId: string; correctOptionIds: string[]; chosenOptionIds: string[]; correct: boolean }[] | null;
}

@ObjectType({ description: 'Một vấn đề của tệp CSV câu hỏi.' })
export class QuestionImportProblem {
  @Field(() => Int, { description: 'Dòng trong tệp (dòng 1 là tiêu đề).' }) line: number;
  @Field(() => String, { nullable: true, description: 'Mã câu hỏi của dòng, nếu có.' }) code: string | null;
  @Field(() => String, { description: 'Mô tả vấn đề (tiếng Việt).' }) message: string;
}

@ObjectType({ description: 'Kết quả nhập ngân hàng câu hỏi từ CSV. Chỉ ghi khi dryRun là false và tệp không có lỗi nào.' })
export class QuestionImportResult {
  @Field(() => Boolean, { description: 'Chạy thử: chỉ kiểm tra, không ghi gì.' }) dryRun: boolean;
  @Field(() => Boolean, { description: 'Đã áp dụng vào ngân hàng câu hỏi (tệp hợp lệ và dryRun là false).' }) written: boolean;
  @Field(() => Int, { description: 'Số dòng câu hỏi trong tệp.' }) rows: number;
  @Field(() => Int, { description: 'Số câu hỏi mới (sẽ được / đã được) thêm.' }) created: number;
  @Field(() => Int, { description: 'Số câu hỏi đã có (sẽ được / đã được) sửa.' }) updated: number;
  @Field(() => Int, { description: 'Số câu hỏi giống hệt ngân hàng hiện có.' }) unchanged: number;
  @Field(() => [QuestionImportProblem], { description: 'Các vấn đề, theo dòng; rỗng khi tệp hợp lệ.' }) problems: QuestionImportProblem[];
}
