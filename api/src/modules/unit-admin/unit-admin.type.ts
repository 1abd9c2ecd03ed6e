import { Field, Int, ObjectType } from 'type-graphql';
import { ImportProblem } from '../../imports/import.type';

@ObjectType({ description: 'Kết quả nhập (hoặc chạy thử) danh sách đơn vị: thôn/tổ dân phố và tổ chức.' })
export class UnitImportReport {
  @Field(() => Boolean, { description: 'Chạy thử: không ghi gì.' }) dryRun: boolean;
  @Field(() => Int, { description: 'Số dòng có dữ liệu (không tính dòng tiêu đề và dòng trống).' }) totalRows: number;
  @Field(() => Int, { description: 'Số dòng hợp lệ (gồm cả dòng đã có đơn vị).' }) validRows: number;
  @Field(() => Int, { description: 'Số dòng mà đơn vị đã có sẵn (cùng đơn vị cha, cùng loại, cùng tên; hoặc cùng mã): không tạo lại.' }) existingRows: number;
  @Field(() => Int, { description: 'Số dòng sẽ tạo đơn vị mới (khi nhập thật và tệp không có lỗi).' }) newRows: number;
  @Field(() => Int, { description: 'Số đơn vị đã tạo (0 khi chạy thử hoặc khi tệp có lỗi).' }) importedUnits: number;
  @Field(() => [ImportProblem], { description: 'Mọi dòng lỗi, theo thứ tự dòng; có lỗi thì không ghi gì.' }) problems: ImportProblem[];
}
