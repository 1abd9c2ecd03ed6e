import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Câu trả lời cho một câu hỏi: các phương án đã chọn (bỏ trống nếu không trả lời).' })
export class QuizAnswerInput {
  @Field(() => ID, { description: 'Mã câu hỏi.' }) questionId: string;
  @Field(() => [ID], { description: 'Các phương án đã chọn.' }) optionIds: string[];
}
